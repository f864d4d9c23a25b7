using System.Text;

namespace Liif.Evaluation;

/// <summary>
/// Several models' <see cref="EvalReport"/>s (same datasets and protocol) as one Markdown table: a row per dataset ×
/// model, a column per scale asked, "–" where a model was not run (a fixed-scale model at another scale).
/// </summary>
internal static class EvalComparisonMarkdown
{
    public static string Render(IReadOnlyList<EvalReport> reports, IReadOnlyList<double> scales)
    {
        ArgumentOutOfRangeException.ThrowIfZero(reports.Count);
        var md = new StringBuilder();
        EvalReport first = reports[0];
        md.Append("- models: ").Append(string.Join("; ", reports.Select(r => r.Model))).Append('\n');
        foreach (string line in EvalSummary.Lines(first).Where(l => !l.StartsWith("model:", StringComparison.Ordinal)
            && !l.StartsWith("LR:", StringComparison.Ordinal)))
        {
            md.Append("- ").Append(line).Append('\n');
        }

        md.Append("- LR: HR cropped at the top left to a whole multiple of the scale, then ")
            .Append(EvalSummary.KernelsLine(first.LrKernel, scales)).Append('\n');
        md.Append("\n| dataset | method |");
        foreach (double scale in scales)
        {
            md.Append(" x").Append(EvalScales.Format(scale)).Append(" |");
        }

        md.Append("\n|---|---|").Append(string.Concat(Enumerable.Repeat("---|", scales.Count))).Append('\n');
        foreach (EvalDatasetInfo dataset in first.Datasets)
        {
            foreach (EvalReport report in reports)
            {
                md.Append("| ").Append(dataset.Name).Append(" | ").Append(report.Model).Append(" |");
                foreach (double scale in scales)
                {
                    md.Append(' ').Append(EvalMarkdown.Cell(report.Find(dataset.Name, scale))).Append(" |");
                }

                md.Append('\n');
            }
        }

        return md.ToString();
    }
}
