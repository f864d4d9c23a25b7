using System.Text;

namespace Liif.Evaluation;

/// <summary>
/// <see cref="EvalReport"/>s as a table of mean PSNR / SSIM, each cell "PSNR / SSIM" (dB to 2 decimals, SSIM to 4,
/// as the published tables), and that table as Markdown under a list saying the model, protocol and LR kernel per
/// scale. One report: a row per dataset, a column per scale it was run at. Several models' reports (same datasets
/// and protocol): a row per dataset × model, a column per scale asked, "–" where a model was not run (a fixed-scale
/// model at another scale).
/// </summary>
internal static class EvalMarkdown
{
    /// <summary>The reports as a Markdown fragment ending with a newline.</summary>
    public static string Render(IReadOnlyList<EvalReport> reports, IReadOnlyList<double> scales)
    {
        ArgumentOutOfRangeException.ThrowIfZero(reports.Count);
        EvalReport first = reports[0];
        IEnumerable<string> lines = reports.Count == 1
            ? EvalSummary.Lines(first)
            :
            [
                "models: " + string.Join("; ", reports.Select(r => r.Model)),
                .. EvalSummary.Lines(first).Where(l => !l.StartsWith("model:", StringComparison.Ordinal)
                    && !l.StartsWith("LR:", StringComparison.Ordinal)),
                EvalSummary.LrLine(first.LrKernel, scales),
            ];
        var md = new StringBuilder();
        foreach (string line in lines)
        {
            md.Append("- ").Append(line).Append('\n');
        }

        List<string[]> rows = Rows(reports, scales);
        md.Append('\n').Append(MarkdownRow(rows[0]));
        md.Append('|').Append(string.Concat(Enumerable.Repeat("---|", rows[0].Length))).Append('\n');
        foreach (string[] row in rows.Skip(1))
        {
            md.Append(MarkdownRow(row));
        }

        return md.ToString();
    }

    /// <summary>
    /// The header ("dataset", "method" when there are several reports, then "x2", ...) and the rows of the table;
    /// one report shows the scales it was run at, whatever <paramref name="scales"/> says.
    /// </summary>
    public static List<string[]> Rows(IReadOnlyList<EvalReport> reports, IReadOnlyList<double> scales)
    {
        bool several = reports.Count > 1;
        scales = several ? scales : reports[0].Scales;
        List<string[]> rows = [["dataset", .. several ? ["method"] : Array.Empty<string>(),
            .. scales.Select(s => "x" + EvalScales.Format(s))]];
        foreach (EvalDatasetInfo dataset in reports[0].Datasets)
        {
            foreach (EvalReport report in reports)
            {
                rows.Add([dataset.Name, .. several ? [report.Model] : Array.Empty<string>(),
                    .. scales.Select(s => Cell(report.Find(dataset.Name, s)))]);
            }
        }

        return rows;
    }

    /// <summary>"33.66 / 0.9299", or "–" when there is no result.</summary>
    public static string Cell(EvalResult? result) => result is null
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{result.MeanPsnr:0.00} / {result.MeanSsim:0.0000}");

    private static string MarkdownRow(string[] cells) => "| " + string.Join(" | ", cells) + " |\n";
}
