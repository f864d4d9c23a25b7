using System.Net;
using System.Text;

namespace Liif.Comparison;

/// <summary>
/// One self-contained HTML page for a comparison: the methods and where their weights came from, an optional eval
/// table (mean PSNR / SSIM per dataset, the best per column in bold), and for every image its mosaic (embedded as a
/// base64 PNG) with a table of whole-image scores. No external files, scripts or fonts.
/// </summary>
internal static class HtmlReport
{
    public static string Render(string title, IReadOnlyList<ComparisonMethod> methods,
        IReadOnlyList<(ComparisonImage Image, byte[] MosaicPng)> images,
        IReadOnlyList<(string Method, EvalReport Report)>? table)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine($"<title>{E(title)}</title>");
        html.AppendLine("""
            <style>
              body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; margin: 2em auto; max-width: 1400px; padding: 0 1em; }
              h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
              table { border-collapse: collapse; margin: 0.8em 0; }
              th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.9em; text-align: right; }
              th:first-child, td:first-child { text-align: left; }
              thead th { border-bottom: 2px solid #888; }
              .note { color: #555; font-size: 0.92em; }
              img.mosaic { max-width: 100%; height: auto; border: 1px solid #eee; }
              span.best { color: #1a7f37; font-size: 0.85em; }
            </style>
            """);
        html.AppendLine("</head><body>");
        html.AppendLine($"<h1>{E(title)}</h1>");

        html.AppendLine("<h2>Methods</h2><ul>");
        foreach (ComparisonMethod m in methods)
        {
            html.AppendLine($"<li><b>{E(m.Label)}</b>{(m.Description is null ? "" : " — " + E(m.Description))}</li>");
        }

        html.AppendLine("</ul>");
        if (table is not null)
        {
            AppendTable(html, table);
        }

        foreach ((ComparisonImage image, byte[] png) in images)
        {
            AppendImage(html, image, png);
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, IReadOnlyList<(string Method, EvalReport Report)> rows)
    {
        EvalReport first = rows[0].Report;
        double scale = first.Scales[0];
        html.AppendLine($"<h2 id=\"eval\">Benchmark x{EvalScales.Format(scale)}: mean PSNR (dB) / SSIM</h2>");
        html.AppendLine("<table class=\"eval\"><thead><tr><th>Method</th>");
        foreach (EvalDatasetInfo d in first.Datasets)
        {
            html.AppendLine($"<th>{E(d.Name)} ({d.Evaluated})</th>");
        }

        html.AppendLine("</tr></thead><tbody>");
        // Every report has every dataset at the scale: the evaluator fails rather than leave one out.
        var best = first.Datasets.ToDictionary(d => d.Name,
            d => rows.Max(r => r.Report.Find(d.Name, scale)!.MeanPsnr));
        foreach ((string method, EvalReport report) in rows)
        {
            html.Append($"<tr><td>{E(method)}</td>");
            foreach (EvalDatasetInfo d in first.Datasets)
            {
                EvalResult s = report.Find(d.Name, scale)!;
                string cell = string.Create(CultureInfo.InvariantCulture, $"{s.MeanPsnr:F2} / {s.MeanSsim:F4}");
                html.Append(s.MeanPsnr == best[d.Name] ? $"<td><b>{cell}</b></td>" : $"<td>{cell}</td>");
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</tbody></table>");
        string protocol = string.Join("; ",
            EvalSummary.Lines(first).Where(l => !l.StartsWith("model:", StringComparison.Ordinal)));
        html.AppendLine($"<p class=\"note\">{E(protocol)}</p>");
    }

    private static void AppendImage(StringBuilder html, ComparisonImage c, byte[] png)
    {
        html.AppendLine($"<h2>{E(c.Name)}</h2>");
        html.AppendLine($"<img class=\"mosaic\" alt=\"{E(c.Name)} x{EvalScales.Format(c.Scale)} comparison\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">");
        html.AppendLine("<table class=\"scores\"><thead><tr><th>Method</th><th>PSNR (dB)</th><th>SSIM</th><th>time (s)</th></tr></thead><tbody>");
        ComparisonEntry bestPsnr = c.Entries.MaxBy(e => e.Psnr)!, bestSsim = c.Entries.MaxBy(e => e.Ssim)!;
        foreach (ComparisonEntry e in c.Entries)
        {
            string label = e == bestPsnr || e == bestSsim ? $"{E(e.Label)} <span class=\"best\">(best)</span>" : E(e.Label);
            html.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{label}</td>{Cell($"{e.Psnr:F2}", e == bestPsnr)}{Cell($"{e.Ssim:F4}", e == bestSsim)}<td>{e.Seconds:F2}</td></tr>"));
        }

        html.AppendLine("</tbody></table>");
        html.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"<p class=\"note\">HR {c.Hr.Width}×{c.Hr.Height} (cropped to a multiple of the scale), LR {c.Lr.Width}×{c.Lr.Height} by {E(c.Kernel.Describe())}; "
            + $"PSNR and SSIM on Y (BT.601), {EvalProtocol.Benchmark.Shave(c.Scale)} px border shaved, the best in bold; crop {c.Crop}, {E(c.CropChoice)}.</p>"));
    }

    private static string Cell(string value, bool best) => best ? $"<td class=\"best\"><b>{value}</b></td>" : $"<td>{value}</td>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
