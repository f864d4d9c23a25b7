using Liif.Comparison;

namespace Liif.Tests.Baselines;

/// <summary>Comparer, crop choice, mosaic PNG and HTML report on tiny inputs.</summary>
public sealed class ComparisonReportTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private IReadOnlyList<ComparisonMethod> Methods()
    {
        string srcnn = BaselineTestData.SaveModel(_temp, "srcnn.safetensors", BaselineTestData.SrcnnSpec(2));
        return
        [
            new ComparisonMethod("Bicubic", new BicubicUpscaler(), "bicubic"),
            new ComparisonMethod("SRCNN", UpscalerFactory.Open(srcnn, CPU), "random weights"),
        ];
    }

    [Fact]
    public void ComparerCropsHrToTheScaleAndScoresEveryMethod()
    {
        ImageU8 image = BaselineTestData.Pattern(67, 49);
        ComparisonImage c = Comparer.Run("pattern", image, 2, Methods());
        Assert.Equal((66, 48), (c.Hr.Width, c.Hr.Height));
        Assert.Equal((33, 24), (c.Lr.Width, c.Lr.Height));
        Assert.Equal(LrKernel.Matlab, c.Kernel);
        Assert.Equal(["Bicubic", "SRCNN"], c.Entries.Select(e => e.Label));
        Assert.All(c.Entries, e => Assert.Equal((66, 48), (e.Output.Width, e.Output.Height)));
        Assert.Equal(PsnrMetric.Compute(c.Entries[0].Output, c.Hr, 2, EvalProtocol.Benchmark), c.Entries[0].Psnr);
        Assert.Equal("where the methods differ most", c.CropChoice);   // no LIIF among the methods
        Assert.True(c.Crop.FitsIn(66, 48));
    }

    [Fact]
    public void TheChosenCropIsWhereTheMethodsDiffer()
    {
        ImageU8 hr = BaselineTestData.Pattern(96, 80);
        ImageU8 good = hr;
        var bad = new ImageU8(96, 80, 3, (byte[])hr.Pixels.Clone());
        for (int y = 50; y < 70; y++)
        {
            for (int x = 60; x < 80; x++)
            {
                bad.Pixels[(y * 96 + x) * 3] ^= 0x80;
            }
        }

        CropRect crop = CropChooser.MostDifferent(hr, [good, bad], 24, 4);
        Assert.Equal(24, crop.Width);
        Assert.True(crop.X <= 60 && crop.X + 24 >= 80 - 4 && crop.Y <= 50 + 4 && crop.Y + 24 >= 70 - 4, $"crop {crop}");
    }

    [Fact]
    public void AGivenCropMustFit()
    {
        Assert.Throws<LiifException>(() => Comparer.Run("p", BaselineTestData.Pattern(40, 30), 2, Methods(), new CropRect(30, 0, 20, 10)));
        Assert.Equal(new CropRect(1, 2, 3, 4), CropRect.Parse("1, 2,3,4"));
        Assert.Throws<LiifException>(() => CropRect.Parse("1,2,3"));
        Assert.Throws<LiifException>(() => CropRect.Parse("1,2,0,4"));
        // x + w beyond int's range does not wrap round into "fits".
        Assert.False(CropRect.Parse("2147483647,0,8,8").FitsIn(288, 288));
        Assert.False(CropRect.Parse("0,2147483647,8,2147483647").FitsIn(288, 288));
    }

    [Fact]
    public void MosaicIsAPngOfTheLayoutsSize()
    {
        ComparisonImage c = Comparer.Run("pattern", BaselineTestData.Pattern(64, 48), 2, Methods(), new CropRect(8, 8, 20, 16));
        byte[] png = MosaicRenderer.RenderPng(c);
        ImageU8 decoded = ImageFile.Decode(png, "mosaic.png").Image;
        MosaicLayout layout = MosaicLayout.For(64, 48, c.Crop, 3);
        Assert.Equal((layout.Width, layout.Height), (decoded.Width, decoded.Height));
        Assert.Equal(11, layout.Zoom);                     // 220 / 20
        Assert.Equal((3, 1), (layout.Columns, layout.Rows));

        // The ground-truth tile (the last) shows the HR crop enlarged by nearest neighbour.
        (int x, int y) = layout.Tile(2);
        int channels = decoded.Channels;
        for (int k = 0; k < 3; k++)
        {
            int px = x + 5 + k * layout.Zoom, py = y + 5;
            int sx = 8 + (5 + k * layout.Zoom) / layout.Zoom, sy = 8 + 5 / layout.Zoom;
            Assert.Equal(c.Hr.Pixels[(sy * 64 + sx) * 3], decoded.Pixels[(py * decoded.Width + px) * channels]);
        }
    }

    [Theory]
    [InlineData(584, 388, 110)]
    [InlineData(256, 256, 73)]
    [InlineData(2040, 1356, 220)]
    [InlineData(40, 30, 24)]
    public void DefaultCropsFillTilesOfTheSameSize(int width, int height, int side)
    {
        Assert.Equal(side, CropChooser.DefaultSide(width, height));
        MosaicLayout layout = MosaicLayout.For(width, height, new CropRect(0, 0, side, side), 5);
        Assert.InRange(layout.TileWidth, 200, MosaicLayout.TargetTileSide);
    }

    [Fact]
    public void MoreThanFourTilesMakeTwoRows()
    {
        MosaicLayout layout = MosaicLayout.For(100, 100, new CropRect(0, 0, 25, 25), 5);
        Assert.Equal((3, 2), (layout.Columns, layout.Rows));
        Assert.True(layout.Tile(3).Y > layout.Tile(0).Y);
    }

    [Fact]
    public void HtmlReportEmbedsTheMosaicsAndTheTable()
    {
        IReadOnlyList<ComparisonMethod> methods = Methods();
        ComparisonImage c = Comparer.Run("pattern", BaselineTestData.Pattern(40, 32), 2, methods);
        byte[] png = MosaicRenderer.RenderPng(c);
        EvalReport Report(string model, double psnr, double ssim) => new(model, EvalProtocol.Benchmark, LrKernel.Auto, null,
            [2], [new("Set5", "/d/Set5", 5, 5, [])], [new("Set5", 2, LrKernel.Matlab, EvalProtocol.Benchmark, 2, [], psnr, ssim, 1)],
            1, DateTimeOffset.UnixEpoch);
        (string, EvalReport)[] table = [("Bicubic", Report("bicubic", 33.67, 0.9303)), ("SRCNN", Report("SRCNN x2", 20.5, 0.5))];
        string html = HtmlReport.Render("Test <report>", methods, [(c, png)], table);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("Test &lt;report&gt;", html);
        Assert.Contains($"data:image/png;base64,{Convert.ToBase64String(png)}", html);
        Assert.Contains("<table class=\"eval\">", html);
        Assert.Contains("<th>Set5 (5)</th>", html);
        Assert.Contains("<td><b>33.67 / 0.9303</b></td>", html);
        Assert.Contains("<td>20.50 / 0.5000</td>", html);
        Assert.DoesNotContain("src=\"http", html);
    }

    [Fact]
    public void EvalTableRunsTheEvaluatorForEveryMethod()
    {
        string set = BaselineTestData.ImageFolder(_temp, "Tiny", 2, 40, 36);
        IReadOnlyList<(string Method, EvalReport Report)> table = MethodScoreTables.Evaluate(Methods(), [BenchmarkDataset.Open(set)], 2);
        Assert.All(table, r => Assert.Equal([("Tiny", 2)], r.Report.Datasets.Select(d => (d.Name, d.Evaluated))));
        Assert.Equal(["Bicubic", "SRCNN"], table.Select(r => r.Method));
        Assert.All(table, r => Assert.InRange(r.Report.Find("Tiny", 2)!.MeanPsnr, 1, 99));
    }
}
