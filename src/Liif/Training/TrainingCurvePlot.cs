using ScottPlot;

namespace Liif.Training;

/// <summary>
/// Draws a run's <c>curve.png</c> from its log: the training L1 loss (mean over bins of iterations, at most ~1000
/// points) on the left axis and the validation PSNR on the right axis, both against iterations.
/// </summary>
internal static class TrainingCurvePlot
{

    public static void Save(string path, IReadOnlyList<TrainingLogRow> rows, string title)
    {
        TrainingLogRow[] steps = rows.Where(r => r.Loss is not null).ToArray();
        TrainingLogRow[] vals = rows.Where(r => r.ValPsnr is not null).ToArray();
        PlotFont.EnsureLoaded();
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("iteration");
        plot.YLabel("L1 loss (normalised RGB)");
        if (steps.Length > 0)
        {
            int bin = Math.Max(1, steps.Length / 1000);
            TrainingLogRow[][] bins = steps.Chunk(bin).ToArray();
            var loss = plot.Add.ScatterLine(bins.Select(b => b.Average(r => (double)r.Iteration)).ToArray(),
                bins.Select(b => b.Average(r => r.Loss!.Value)).ToArray());
            loss.LegendText = bin > 1 ? $"loss (mean of {bin})" : "loss";
            loss.MarkerSize = 0;
        }

        if (vals.Length > 0)
        {
            var psnr = plot.Add.Scatter(vals.Select(r => (double)r.Iteration).ToArray(), vals.Select(r => r.ValPsnr!.Value).ToArray());
            psnr.LegendText = "val PSNR (dB)";
            psnr.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "validation PSNR (dB)";
        }

        plot.ShowLegend(Alignment.UpperCenter);
        byte[] png = plot.GetImageBytes(900, 500, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
