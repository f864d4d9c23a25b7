using ScottPlot;

namespace Liif.Evaluation;

/// <summary>
/// The picture of "arbitrary scale": mean PSNR against the scale factor, one line per model and dataset, on a
/// logarithmic scale axis, with the scales a LIIF model is trained on (x1 to x4) shaded, so what lies to their right
/// is out of the training distribution (the paper's x6 to x30 columns).
/// </summary>
internal static class ScaleCurvePlot
{
    /// <summary>The training scale range of the paper's recipe (<c>scale_min</c> 1, <c>scale_max</c> 4).</summary>
    public const double TrainedMin = 1, TrainedMax = 4;

    private static readonly MarkerShape[] s_markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle];

    private static readonly LinePattern[] s_patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>The plot of <paramref name="reports"/> (one per model) as PNG bytes.</summary>
    public static byte[] Png(IReadOnlyList<EvalReport> reports, int width = 900, int height = 560) =>
        Render(reports).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>The plot: a line per (model, dataset) with at least one scale; colour per model, marker per dataset.</summary>
    public static Plot Render(IReadOnlyList<EvalReport> reports)
    {
        PlotFont.EnsureLoaded();
        var plot = new Plot();
        double[] scales = reports.SelectMany(r => r.Results.Select(x => x.Scale)).Distinct().Order().ToArray();
        if (scales.Length == 0)
        {
            throw new ArgumentException("no results to plot", nameof(reports));
        }

        // The shaded band first, so that the lines are drawn over it.
        double low = Math.Log2(Math.Min(TrainedMin, scales[0])), high = Math.Log2(TrainedMax);
        var trained = plot.Add.HorizontalSpan(low, high);
        trained.FillStyle.Color = Colors.Gray.WithAlpha(0.15);
        trained.LineStyle.Width = 0;
        trained.LegendText = $"training scales (x{EvalScales.Format(TrainedMin)}–x{EvalScales.Format(TrainedMax)})";

        string[] datasets = reports.SelectMany(r => r.Datasets.Select(d => d.Name)).Distinct().ToArray();
        for (int m = 0; m < reports.Count; m++)
        {
            Color color = plot.Add.Palette.GetColor(m);
            for (int d = 0; d < datasets.Length; d++)
            {
                EvalResult[] points = reports[m].Results.Where(r => r.Dataset == datasets[d]).OrderBy(r => r.Scale).ToArray();
                if (points.Length == 0)
                {
                    continue;
                }

                var line = plot.Add.Scatter(points.Select(p => Math.Log2(p.Scale)).ToArray(), points.Select(p => p.MeanPsnr).ToArray());
                line.Color = color;
                line.LineWidth = 2;
                line.MarkerSize = 7;
                line.MarkerShape = s_markers[d % s_markers.Length];
                line.LinePattern = s_patterns[d % s_patterns.Length];
                line.LegendText = datasets.Length > 1 ? $"{reports[m].Model}, {datasets[d]}" : reports[m].Model;
            }
        }

        // The axis is log2(scale), labelled with the scales themselves.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            scales.Select(Math.Log2).ToArray(), scales.Select(s => "x" + EvalScales.Format(s)).ToArray());
        plot.Axes.SetLimitsX(Math.Min(low, Math.Log2(scales[0])) - 0.15, Math.Log2(scales[^1]) + 0.15);
        EvalReport first = reports[0];
        string limit = first.Limit is int n ? $", first {n} images" : "";
        string on = datasets.Length == 1 ? $" on {datasets[0]}" : "";
        plot.Title($"PSNR against scale{on} ({first.Protocol.Name()} protocol, LR: {first.LrKernel.ToString().ToLowerInvariant()}{limit})");
        plot.XLabel("scale factor (log axis)");
        plot.YLabel("mean PSNR (dB)");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
