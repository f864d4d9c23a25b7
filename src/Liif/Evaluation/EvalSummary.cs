namespace Liif.Evaluation;

/// <summary>The lines that say how a report was made, shared by the screen, text and Markdown renderings.</summary>
internal static class EvalSummary
{
    /// <summary>Model, protocol, LR kernel per scale, the image limit and skipped files, one fact a line.</summary>
    public static IEnumerable<string> Lines(EvalReport report)
    {
        yield return $"model: {report.Model}";
        yield return $"protocol: {report.Protocol.Describe()}; SSIM with an 11x11 Gaussian window, sigma 1.5";
        yield return LrLine(report.LrKernel, report.Scales);
        if (report.Limit is int limit)
        {
            yield return $"limit: only the first {limit} image{(limit == 1 ? "" : "s")} of each dataset (not comparable with full-set tables)";
        }

        yield return "images evaluated: " + string.Join(", ", report.Datasets.Select(d =>
            $"{d.Name} {d.Evaluated}" + (d.Skipped.Count > 0 ? $" ({d.Skipped.Count} unreadable skipped)" : "")));
    }

    /// <summary>
    /// "LR: HR cropped ..., then MATLAB bicubic at x2, x3, x4; PIL bicubic at x6, x8": the kernel the
    /// <paramref name="requested"/> rule uses at each scale, grouped.
    /// </summary>
    public static string LrLine(LrKernel requested, IEnumerable<double> scales)
    {
        var groups = scales
            .GroupBy(s => LrKernels.Resolve(requested, s))
            .Select(g => $"{g.Key.Describe()} at {string.Join(", ", g.Select(s => "x" + EvalScales.Format(s)))}");
        string line = "LR: HR cropped at the top left to a whole multiple of the scale, then "
            + string.Join("; ", groups);
        return requested == LrKernel.Auto ? line : $"{line} (forced, not the auto rule)";
    }
}
