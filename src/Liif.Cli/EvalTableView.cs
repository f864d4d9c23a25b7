using System.Text;
using Spectre.Console;

namespace Liif.Cli;

/// <summary>
/// Shows an <see cref="EvalReport"/> on the console: how it was made, then mean PSNR / SSIM per dataset × scale,
/// as a Spectre.Console table on an interactive terminal and as aligned plain text otherwise.
/// </summary>
internal static class EvalTableView
{
    public const string Legend = "mean PSNR (dB) / SSIM";

    public static void Write(EvalReport report)
    {
        foreach (string line in EvalSummary.Lines(report))
        {
            Console.WriteLine(line);
        }

        if (ConsoleProgress.Interactive)
        {
            AnsiConsole.Write(SpectreTable(report));
        }
        else
        {
            Console.WriteLine();
            Console.Write(PlainTable(report));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Results.Sum(r => r.Images.Count)} image x scale evaluations in {report.Seconds:0.0} s"));
    }

    /// <summary>
    /// The table as aligned plain text under the legend of its cells, one line per dataset, columns separated by at
    /// least 3 spaces.
    /// </summary>
    private static string PlainTable(EvalReport report)
    {
        List<string[]> rows = EvalMarkdown.Rows([report], report.Scales);
        int[] widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder(Legend).Append('\n');
        foreach (string[] row in rows)
        {
            text.Append(string.Join("   ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    private static Table SpectreTable(EvalReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Legend);
        table.AddColumn("dataset");
        foreach (double scale in report.Scales)
        {
            string kernel = LrKernels.Resolve(report.LrKernel, scale).Describe();
            table.AddColumn(new TableColumn($"x{EvalScales.Format(scale)}\n[dim]{kernel}[/]").Centered());
        }

        foreach (string[] row in EvalMarkdown.Rows([report], report.Scales).Skip(1))
        {
            table.AddRow([Markup.Escape(row[0]), .. row[1..]]);
        }

        return table;
    }
}
