using System.Text.Json;

namespace Liif.Tests.Cli;

[Collection(nameof(CliCollection))]
public class MetricsCommandTests(ITestOutputHelper output)
{
    private CliHarness.Outcome Run(params string[] args)
    {
        CliHarness.Outcome outcome = CliHarness.Run(args);
        output.WriteLine($"liif {string.Join(' ', args)}\n{outcome}");
        return outcome;
    }

    [Fact]
    public void Pair_scores_match_the_metrics_in_text_and_json()
    {
        using var dir = new TempFolder();
        ImageU8 hr = TestImages.Gradient(40, 36);
        ImageU8 sr = PilBicubicResize.Resize(PilBicubicResize.Resize(hr, 20, 18), 40, 36);
        ImageFile.Save(hr, dir.File("hr.png"));
        ImageFile.Save(sr, dir.File("sr.png"));
        double psnr = PsnrMetric.Compute(sr, hr, 2, EvalProtocol.Benchmark);
        double ssim = SsimMetric.Compute(sr, hr, 2, EvalProtocol.Benchmark);

        CliHarness.Outcome text = Run("metrics", dir.File("hr.png"), dir.File("sr.png"), "--scale", "2");
        Assert.Equal(0, text.Code);
        Assert.Contains($"PSNR {psnr:0.0000} dB  SSIM {ssim:0.0000}", text.Out);
        Assert.Contains("benchmark protocol at x2: Y channel, 2 px shaved", text.Out);

        CliHarness.Outcome json = Run("metrics", dir.File("hr.png"), dir.File("sr.png"), "--scale", "2", "--json", "--protocol", "div2k");
        Assert.Equal(0, json.Code);
        using JsonDocument doc = JsonDocument.Parse(json.Out);
        Assert.Equal(PsnrMetric.Compute(sr, hr, 2, EvalProtocol.Div2k), doc.RootElement.GetProperty("psnr").GetDouble(), 1e-12);
        Assert.Equal("div2k", doc.RootElement.GetProperty("protocol").GetString());
        Assert.Equal(8, doc.RootElement.GetProperty("shave").GetInt32());
        Assert.False(doc.RootElement.GetProperty("cropped").GetBoolean());
    }

    [Fact]
    public void Size_mismatch_is_a_one_line_error_unless_cropped()
    {
        using var dir = new TempFolder();
        ImageU8 hr = TestImages.Gradient(40, 36);
        ImageFile.Save(hr, dir.File("hr.png"));
        ImageFile.Save(hr.Crop(0, 0, 38, 36), dir.File("sr.png"));

        CliHarness.Outcome mismatch = Run("metrics", dir.File("hr.png"), dir.File("sr.png"), "--scale", "2");
        Assert.Equal(1, mismatch.Code);
        string line = Assert.Single(mismatch.ErrLines);
        Assert.Contains("38x36", line);
        Assert.Contains("40x36", line);
        Assert.Contains("--crop", line);

        CliHarness.Outcome cropped = Run("metrics", dir.File("hr.png"), dir.File("sr.png"), "--scale", "2", "--crop");
        Assert.Equal(0, cropped.Code);
        Assert.Contains("cropped to the common top-left 38x36 region", cropped.Out);
        Assert.Contains("PSNR inf", cropped.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("benchmark", "3e9")]
    [InlineData("div2k", "1e308")]
    [InlineData("div2k", "2147483647")]
    public void A_scale_beyond_any_image_is_a_one_line_error(string protocol, string scale)
    {
        using var dir = new TempFolder();
        ImageFile.Save(TestImages.Gradient(20, 20), dir.File("a.png"));
        CliHarness.Outcome r = Run("metrics", dir.File("a.png"), dir.File("a.png"), "--scale", scale, "--protocol", protocol);
        Assert.Equal(1, r.Code);
        Assert.Equal("error: a 20x20 image is too small to shave 2147483647 pixels from each border", Assert.Single(r.ErrLines));
    }

    [Theory]
    [InlineData("--scale", "0")]
    [InlineData("--protocol", "rgb")]
    public void Bad_options_are_one_line_usage_errors(string option, string value)
    {
        using var dir = new TempFolder();
        ImageFile.Save(TestImages.Gradient(20, 20), dir.File("a.png"));
        string[] args = option == "--scale"
            ? ["metrics", dir.File("a.png"), dir.File("a.png"), "--scale", value]
            : ["metrics", dir.File("a.png"), dir.File("a.png"), "--scale", "2", option, value];
        CliHarness.Outcome r = Run(args);
        Assert.Equal(2, r.Code);
        Assert.StartsWith("error: bad", Assert.Single(r.ErrLines));
    }
}
