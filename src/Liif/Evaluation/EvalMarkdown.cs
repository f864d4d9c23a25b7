using System.Text;

namespace Liif.Evaluation;

/// <summary>
/// <see cref="EvalReport"/> as Markdown: a list saying the model, protocol and LR kernel per scale, then a table
/// with one row per dataset and one column per scale, each cell "PSNR / SSIM" (dB to 2 decimals, SSIM to 4, as the
/// published tables).
/// </summary>
internal static class EvalMarkdown
{
    /// <summary>The report as a Markdown fragment ending with a newline.</summary>
    public static string Render(EvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        foreach (string line in EvalSummary.Lines(report))
        {
            md.Append("- ").Append(line).Append('\n');
        }

        md.Append('\n');
        md.Append("| dataset |");
        foreach (double scale in report.Scales)
        {
            md.Append(" x").Append(EvalScales.Format(scale)).Append(" |");
        }

        md.Append("\n|---|");
        md.Append(string.Concat(Enumerable.Repeat("---|", report.Scales.Count))).Append('\n');
        foreach (EvalDatasetInfo dataset in report.Datasets)
        {
            md.Append("| ").Append(dataset.Name).Append(" |");
            foreach (double scale in report.Scales)
            {
                md.Append(' ').Append(Cell(report.Find(dataset.Name, scale))).Append(" |");
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    /// <summary>"33.66 / 0.9299", or "–" when there is no result.</summary>
    public static string Cell(EvalResult? result) => result is null
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{result.MeanPsnr:0.00} / {result.MeanSsim:0.0000}");
}
