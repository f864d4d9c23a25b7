namespace Liif.Tests.Cli;

[Collection(nameof(CliCollection))]
public sealed class EvalCommandTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TempFolder _temp = new();
    private readonly string _set;

    /// <summary>A dataset "Tiny" with two small images in Tiny/HR, and room for reports beside it.</summary>
    public EvalCommandTests(ITestOutputHelper output)
    {
        _output = output;
        _set = _temp.Folder("Tiny");
        ImageFile.Save(TestImages.Gradient(48, 40), Path.Combine(_temp.Folder("Tiny/HR"), "a.png"));
        ImageFile.Save(TestImages.Noise(41, 45, 3, seed: 7), _temp.File("Tiny/HR/b.png"));
    }

    public void Dispose() => _temp.Dispose();

    private CliHarness.Outcome Run(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        CliHarness.Outcome outcome = CliHarness.Run(args);
        _output.WriteLine($"liif {string.Join(' ', args)}  ({clock.ElapsedMilliseconds} ms)\n{outcome}");
        return outcome;
    }

    [Fact]
    public void Bicubic_on_a_tiny_folder_prints_the_table_and_writes_json_and_markdown()
    {
        CliHarness.Outcome r = Run("eval", "--model", "bicubic", "--data", _set, "--scales", "2,2.5",
            "--json", _temp.File("report.json"), "--markdown", _temp.File("table.md"));

        Assert.Equal(0, r.Code);
        Assert.Equal("", r.Err);
        Assert.Contains("MATLAB bicubic at x2; PIL bicubic at x2.5", r.Out);
        Assert.Contains("protocol: benchmark", r.Out);
        Assert.Matches(@"(?m)^Tiny\s+\d+\.\d\d / \d\.\d{4}\s+\d+\.\d\d / \d\.\d{4}$", r.Out);

        EvalReport report = EvalJson.Deserialize(File.ReadAllText(_temp.File("report.json")));
        Assert.Equal("bicubic", report.Model);
        Assert.Equal([2, 2.5], report.Scales);
        Assert.Equal(2, report.Results.Count);
        Assert.All(report.Results, res => Assert.Equal(2, res.Images.Count));
        Assert.Equal([LrKernel.Matlab, LrKernel.Pil], report.Results.Select(res => res.Kernel));

        string md = File.ReadAllText(_temp.File("table.md"));
        Assert.Contains("| dataset | x2 | x2.5 |", md);
        Assert.Contains($"| Tiny | {EvalMarkdown.Cell(report.Results[0])} | {EvalMarkdown.Cell(report.Results[1])} |", md);
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp-*"));
    }

    [Fact]
    public void Plot_draws_psnr_against_scale_for_every_model()
    {
        string tiny = TestModels.SaveTiny(_temp.Path);
        CliHarness.Outcome r = Run("eval", "-m", "bicubic", "-m", tiny, "--data", _set, "--scales", "1.5,2,3", "--plot", _temp.File("curve.png"));

        Assert.Equal(0, r.Code);
        Assert.Contains($"wrote {_temp.File("curve.png")}", r.Out);
        using SkiaSharp.SKBitmap png = SkiaSharp.SKBitmap.Decode(_temp.File("curve.png"));
        Assert.Equal((900, 560), (png.Width, png.Height));
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp-*"));

        CliHarness.Outcome missing = Run("eval", "-m", "bicubic", "--data", _set, "--plot", _temp.File("no/such/folder/curve.png"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("--plot", missing.Err);
    }

    [Fact]
    public void Several_models_share_one_table_each_at_the_scales_it_can_make()
    {
        string srcnn = Baselines.BaselineTestData.SaveModel(_temp, "srcnn_x2.safetensors", Baselines.BaselineTestData.SrcnnSpec(scale: 2));
        string liif = TestModels.SaveTiny(_temp.Path);
        CliHarness.Outcome r = Run("eval", "-m", "bicubic", "-m", srcnn, "-m", liif, "--data", _set, "--scales", "2,3",
            "--json", _temp.File("reports.json"), "--markdown", _temp.File("table.md"));

        Assert.Equal(0, r.Code);
        string md = File.ReadAllText(_temp.File("table.md"));
        Assert.Contains("| dataset | method | x2 | x3 |", md);
        Assert.Matches(@"\| Tiny \| bicubic \| \d+\.\d\d / \d\.\d{4} \| \d+\.\d\d / \d\.\d{4} \|", md);
        Assert.Matches(@"(?i)\| Tiny \| [^|]*srcnn[^|]* \| \d+\.\d\d / \d\.\d{4} \| – \|", md);   // a x2 model: no x3 cell
        Assert.Contains(md.TrimEnd(), r.Out);
        var reports = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_temp.File("reports.json"))).RootElement;
        Assert.Equal(3, reports.GetArrayLength());
        Assert.Equal(1, reports[1].GetProperty("results").GetArrayLength());

        CliHarness.Outcome refused = Run("eval", "-m", srcnn, "--data", _set, "--scales", "3,4");
        Assert.Equal(2, refused.Code);
        Assert.Contains("cannot make any of the scales 3,4", Assert.Single(refused.ErrLines));
    }

    [Fact]
    public void Parity_tiny_model_evaluates_end_to_end_with_a_limit()
    {
        string? model = SharedData.Parity is null ? null : Path.Combine(SharedData.Parity, "tiny.pth");
        if (model is null || !File.Exists(model))
        {
            Assert.Skip("../shared/parity/tiny.pth not found");
        }

        CliHarness.Outcome r = Run("eval", "--model", model, "--data", _temp.File("Tiny/HR"), "--scales", "2,3",
            "--limit", "1", "--json", _temp.File("report.json"), "--markdown", _temp.File("table.md"));

        Assert.Equal(0, r.Code);
        Assert.Contains("only the first 1 image of each dataset", r.Out);
        EvalReport report = EvalJson.Deserialize(File.ReadAllText(_temp.File("report.json")));
        Assert.StartsWith("liif", report.Model);
        Assert.Equal(1, report.Limit);
        Assert.Equal("Tiny", report.Datasets[0].Name);
        Assert.All(report.Results, res => Assert.Equal("a.png", Assert.Single(res.Images).Image));
        Assert.All(report.Results, res => Assert.True(double.IsFinite(res.MeanPsnr) && res.MeanSsim is > -1 and < 1));
        Assert.Contains("| Tiny |", File.ReadAllText(_temp.File("table.md")));
    }

    [Fact]
    public void Empty_folder_is_a_one_line_usage_error()
    {
        CliHarness.Outcome r = Run("eval", "--model", "bicubic", "--data", _temp.Folder("Empty"));
        Assert.Equal(2, r.Code);
        Assert.StartsWith("error: dataset folder", Assert.Single(r.ErrLines));
        Assert.Contains("holds no images", r.Err);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2,0.5")]
    public void Scale_not_above_one_is_a_one_line_usage_error(string scales)
    {
        CliHarness.Outcome r = Run("eval", "--model", "bicubic", "--data", _set, "--scales", scales);
        Assert.Equal(2, r.Code);
        Assert.Contains("is not above 1", Assert.Single(r.ErrLines));
    }

    [Fact]
    public void Unreadable_image_is_skipped_and_counted_or_fatal_with_strict()
    {
        File.WriteAllText(_temp.File("Tiny/HR/c_broken.png"), "not a png");

        CliHarness.Outcome lenient = Run("eval", "--model", "bicubic", "--data", _set, "--scales", "2");
        Assert.Equal(0, lenient.Code);
        Assert.StartsWith("warning: Tiny: skipped", Assert.Single(lenient.ErrLines));
        Assert.Contains("c_broken.png", lenient.Err);
        Assert.Contains("Tiny 2 (1 unreadable skipped)", lenient.Out);

        CliHarness.Outcome strict = Run("eval", "--model", "bicubic", "--data", _set, "--scales", "2", "--strict");
        Assert.Equal(1, strict.Code);
        Assert.Contains("c_broken.png", Assert.Single(strict.ErrLines));
    }

    [Fact]
    public void Missing_output_folder_fails_before_the_run()
    {
        CliHarness.Outcome r = Run("eval", "--model", "bicubic", "--data", _set, "--json", _temp.File("no/such/dir/r.json"));
        Assert.Equal(2, r.Code);
        Assert.Contains("--json", Assert.Single(r.ErrLines));
        Assert.DoesNotContain("evaluating", r.Out);
    }

    [Fact]
    public void A_pipe_as_a_report_or_an_output_is_refused_before_the_run_and_kept()
    {
        // A named pipe stands for /dev/null and the like: writing by rename replaced such a target with a plain file.
        string pipe = _temp.File("pipe.json");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        CliHarness.Outcome r = Run("eval", "--model", "bicubic", "--data", _set, "--scales", "2", "--json", pipe);
        Assert.Equal(1, r.Code);
        Assert.Equal($"error: cannot write '{pipe}': it is a device, pipe or socket, not a file", Assert.Single(r.ErrLines));
        Assert.DoesNotContain("evaluating", r.Out);

        File.Move(pipe, _temp.File("pipe.png"));
        CliHarness.Outcome up = Run("upscale", _temp.File("Tiny/HR/a.png"), "-o", _temp.File("pipe.png"), "--scale", "2", "--model", "bicubic", "--overwrite");
        Assert.Equal(1, up.Code);
        Assert.Contains("it is a device, pipe or socket, not a file", Assert.Single(up.ErrLines));
        using (var isPipe = Process.Start("test", ["-p", _temp.File("pipe.png")]))
        {
            isPipe.WaitForExit();
            Assert.True(isPipe.ExitCode == 0, "the pipe was replaced by a file");
        }

        Assert.Empty(Directory.GetFiles(_temp.Path, ".*.tmp-*"));
    }
}
