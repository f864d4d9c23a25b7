using ScottPlot;
using SkiaSharp;

namespace Liif.Tests.Evaluation;

public sealed class ScaleCurvePlotTests
{
    private static EvalReport Report(string model, params (string Dataset, double Scale, double Psnr)[] points) => new(
        model, EvalProtocol.Benchmark, LrKernel.Auto, null,
        points.Select(p => p.Scale).Distinct().ToArray(),
        points.Select(p => p.Dataset).Distinct().Select(d => new EvalDatasetInfo(d, "/x/" + d, 3, 3, [])).ToArray(),
        points.Select(p => new EvalResult(p.Dataset, p.Scale, LrKernel.Pil, EvalProtocol.Benchmark, (int)Math.Ceiling(p.Scale), [], p.Psnr, 0.5, 1)).ToArray(),
        1, DateTimeOffset.UnixEpoch);

    private static readonly EvalReport[] s_reports =
    [
        Report("liif", ("Set14", 1.5, 36), ("Set14", 2, 33), ("Set14", 4, 28), ("Set14", 16, 21), ("Set5", 2, 37), ("Set5", 16, 22)),
        Report("bicubic", ("Set14", 1.5, 34), ("Set14", 2, 30), ("Set14", 4, 26), ("Set14", 16, 20)),
    ];

    [Fact]
    public void One_line_per_model_and_dataset_and_a_legend_entry_for_the_training_range()
    {
        Plot plot = ScaleCurvePlot.Render(s_reports);
        string[] legend = plot.Legend.GetItems().Select(i => i.LabelText).ToArray();
        Assert.Equal(["training scales (x1–x4)", "liif, Set14", "liif, Set5", "bicubic, Set14"], legend);
        ScottPlot.Plottables.Scatter set5 = plot.GetPlottables<ScottPlot.Plottables.Scatter>().Single(s => s.LegendText == "liif, Set5");
        Assert.Equal([1.0, 4.0], set5.Data.GetScatterPoints().Select(p => p.X));   // log2 of x2 and x16
        Assert.Equal([37.0, 22.0], set5.Data.GetScatterPoints().Select(p => p.Y));
    }

    [Fact]
    public void The_scale_axis_is_labelled_with_the_scales_and_the_training_range_is_shaded()
    {
        using SKBitmap png = SKBitmap.Decode(ScaleCurvePlot.Png(s_reports, 900, 560));
        Assert.Equal((900, 560), (png.Width, png.Height));

        // Render again to learn where data coordinates fall in the image (the same size gives the same layout).
        Plot plot = ScaleCurvePlot.Render(s_reports);
        plot.GetImageBytes(900, 560, ImageFormat.Png);
        Tick[] ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.Equal(["x1.5", "x2", "x4", "x16"], ticks.Select(t => t.Label));

        // Inside x1-x4, at a PSNR where no line passes, the background is grey; beyond x4 it is white.
        Pixel inside = plot.GetPixel(new Coordinates(Math.Log2(3), 24.3));
        Pixel outside = plot.GetPixel(new Coordinates(Math.Log2(8), 33.3));
        SKColor a = png.GetPixel((int)inside.X, (int)inside.Y), b = png.GetPixel((int)outside.X, (int)outside.Y);
        Assert.Equal(new SKColor(255, 255, 255), b);
        Assert.True(a.Red < 250 && a.Red == a.Green && a.Green == a.Blue, $"the training range should be shaded grey, got {a}");
    }

    [Fact]
    public void Nothing_to_plot_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => ScaleCurvePlot.Render([Report("liif")]));
    }
}
