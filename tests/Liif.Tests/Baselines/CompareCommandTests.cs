using Liif.Tests.Cli;

namespace Liif.Tests.Baselines;

/// <summary><c>liif compare</c> end to end on tiny images and models.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WritesAMosaicPerImageAndAReportWithTheEvalTable()
    {
        string images = BaselineTestData.ImageFolder(_temp, "in", 2, 44, 36);
        string srcnn = BaselineTestData.SaveModel(_temp, "srcnn.safetensors", BaselineTestData.SrcnnSpec(2));
        string srgan = BaselineTestData.SaveModel(_temp, "srgan.safetensors", BaselineTestData.TinySrResNetSpec(2), "SRGAN (MSE content loss)");
        string out_ = _temp.File("out");
        CliRunner.Result r = CliRunner.Run("compare", images, "--scale", "2", "--models", $"bicubic,srcnn={srcnn},srgan={srgan},mine={srcnn}",
            "--out", out_, "--eval-data", images, "--crop", "4,4,16,12");
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (string name in new[] { "img00_x2.png", "img01_x2.png" })
        {
            ImageU8 mosaic = ImageFile.Load(Path.Combine(out_, name));
            Assert.True(mosaic.Width > 44 && mosaic.Height > 36);
        }

        string html = File.ReadAllText(Path.Combine(out_, "report.html"));
        Assert.Contains("<table class=\"eval\">", html);
        Assert.Equal(2, html.Split("data:image/png;base64,").Length - 1);
        Assert.Contains("SRGAN (MSE content loss)", html);
        Assert.Contains("<td>mine</td>", html);
        Assert.Contains("SRCNN", r.Out);
    }

    [Fact]
    public void AFixedScaleModelOfAnotherScaleIsRefusedInOneLine()
    {
        string images = BaselineTestData.ImageFolder(_temp, "in", 1, 44, 36);
        string srcnn = BaselineTestData.SaveModel(_temp, "srcnn.safetensors", BaselineTestData.SrcnnSpec(4));
        CliRunner.Result r = CliRunner.Run("compare", images, "--scale", "3", "--models", $"bicubic,srcnn={srcnn}", "--out", _temp.File("out"));
        CliRunner.AssertOneLineError(r, "srcnn is a x4 model: it cannot be compared at x3");
    }

    [Fact]
    public void UpscaleRefusesAnotherSizeInOneLine()
    {
        string srgan = BaselineTestData.SaveModel(_temp, "srgan.safetensors", BaselineTestData.TinySrResNetSpec(4), "SRGAN (MSE content loss)");
        string input = _temp.File("small.png");
        ImageFile.Save(BaselineTestData.Pattern(30, 20), input);
        CliRunner.Result bad = CliRunner.Run("upscale", input, "-o", _temp.File("big.png"), "--size", "100x80", "--model", srgan);
        CliRunner.AssertOneLineError(bad, "srgan is a x4 model: it cannot make 100x80 from 30x20");
        Assert.False(File.Exists(_temp.File("big.png")));
        CliRunner.Result good = CliRunner.Run("upscale", input, "-o", _temp.File("big.png"), "--scale", "4", "--model", srgan);
        Assert.True(good.ExitCode == 0, good.Error);
        Assert.Equal((120, 80), (ImageFile.Load(_temp.File("big.png")).Width, ImageFile.Load(_temp.File("big.png")).Height));
    }
}
