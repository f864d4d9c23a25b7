using System.Text.Json;

namespace Liif.Tests.Evaluation;

public class EvalReportFormatTests
{
    private static EvalReport Sample()
    {
        EvalImageScore[] rows = [new("a.png", 48, 40, 24, 20, 31.234567, 0.912345), new("b.png", 48, 40, 24, 20, double.PositiveInfinity, 1)];
        EvalResult Result(string set, double scale, LrKernel kernel, double psnr, double ssim) =>
            new(set, scale, kernel, EvalProtocol.Benchmark, (int)Math.Ceiling(scale), rows, psnr, ssim, 0.25);
        return new EvalReport("bicubic", EvalProtocol.Benchmark, LrKernel.Auto, 3, [2, 6],
            [new("Set5", "/d/Set5/HR", 5, 3, [new SkippedImage("x.png", "'x.png' is truncated or corrupt")]), new("B100", "/d/B100/HR", 100, 3, [])],
            [Result("Set5", 2, LrKernel.Matlab, 33.66412, 0.929876), Result("Set5", 6, LrKernel.Pil, 24.1, 0.7),
             Result("B100", 2, LrKernel.Matlab, 29.555, 0.84315), Result("B100", 6, LrKernel.Pil, 24.0, 0.6)],
            1.5, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
    }

    [Fact]
    public void Json_round_trips_with_lower_case_enums_and_an_infinite_psnr_as_null()
    {
        EvalReport report = Sample();
        string json = EvalJson.Serialize(report);
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal("benchmark", doc.RootElement.GetProperty("protocol").GetString());
        Assert.Equal("matlab", doc.RootElement.GetProperty("results")[0].GetProperty("kernel").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("results")[0].GetProperty("images")[1].GetProperty("psnr").ValueKind);
        Assert.DoesNotContain("Infinity", json);

        EvalReport back = EvalJson.Deserialize(json);
        Assert.Equal(report.Results[0].Images, back.Results[0].Images);
        Assert.Equal(report.Results[3] with { Images = [] }, back.Results[3] with { Images = [] });
        Assert.Equal(report.Scales, back.Scales);
        Assert.Equal(report.Created, back.Created);
        Assert.Equal("x.png", back.Datasets[0].Skipped[0].Name);
    }

    [Fact]
    public void Markdown_has_a_row_per_dataset_a_column_per_scale_and_says_how()
    {
        string md = EvalMarkdown.Render([Sample()], [2, 6]);
        string[] lines = md.Split('\n');
        Assert.Contains("| dataset | x2 | x6 |", lines);
        Assert.Contains("|---|---|---|", lines);
        Assert.Contains("| Set5 | 33.66 / 0.9299 | 24.10 / 0.7000 |", lines);
        Assert.Contains("| B100 | 29.56 / 0.8432 | 24.00 / 0.6000 |", lines);
        Assert.Contains("MATLAB bicubic at x2; PIL bicubic at x6", md);
        Assert.Contains("benchmark", md);
        Assert.Contains("only the first 3 images", md);
        Assert.Contains("Set5 3 (1 unreadable skipped)", md);
    }
}
