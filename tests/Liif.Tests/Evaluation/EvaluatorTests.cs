namespace Liif.Tests.Evaluation;

public class EvaluatorTests(ITestOutputHelper output)
{
    private static string RequireSet5()
    {
        string? folder = SharedData.Data is null ? null : Path.Combine(SharedData.Data, "benchmark", "Set5");
        if (folder is null || !Directory.Exists(Path.Combine(folder, "HR")))
        {
            Assert.Skip("../shared/data/benchmark/Set5/HR not found");
        }

        return folder;
    }

    /// <summary>
    /// Ties the evaluator (dataset reading, crop rule, kernel choice, metrics, means) to the metric goldens: the
    /// reference table of shared/data/README.md was made with PIL bicubic down and up.
    /// </summary>
    [Fact]
    public void Bicubic_on_Set5_with_pil_lr_reproduces_the_reference_table()
    {
        string folder = RequireSet5();
        var evaluator = new Evaluator(new BicubicUpscaler(), new EvalOptions { LrKernel = LrKernel.Pil });
        EvalReport report = evaluator.Run([BenchmarkDataset.Open(folder)], [2, 3, 4]);
        (double Scale, double Psnr, double Ssim)[] reference = [(2, 33.6733, 0.9303), (3, 30.4032, 0.8689), (4, 28.4292, 0.8111)];
        foreach ((double scale, double psnr, double ssim) in reference)
        {
            EvalResult result = report.Find("Set5", scale)!;
            output.WriteLine($"x{scale}: {result.MeanPsnr:F4} / {result.MeanSsim:F5} in {result.Seconds:F2} s");
            Assert.Equal(5, result.Images.Count);
            Assert.Equal(LrKernel.Pil, result.Kernel);
            Assert.Equal(psnr, result.MeanPsnr, 0.001);
            Assert.Equal(ssim, result.MeanSsim, 0.0005);
        }
    }

    /// <summary>The auto rule at x2–x4 gives the MATLAB-made benchmark pairs bit for bit (crop and LR).</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Auto_lr_on_Set5_matches_the_matlab_benchmark_pairs(int scale)
    {
        string folder = RequireSet5();
        string golden = Path.Combine(folder, "matlab_bicubic", $"X{scale}");
        if (!Directory.Exists(golden))
        {
            Assert.Skip($"{golden} not found");
        }

        BenchmarkDataset set = BenchmarkDataset.Open(folder);
        int n = 0;
        foreach ((string Name, ImageU8 Rgb) image in set.Read())
        {
            n++;
            LrPair pair = LrPair.Make(image.Rgb, scale, LrKernel.Auto);
            ImageU8 hr = ImageFile.Load(Path.Combine(golden, $"img_{n:000}_HR.png")).ToRgb();
            ImageU8 lr = ImageFile.Load(Path.Combine(golden, $"img_{n:000}_LR.png")).ToRgb();
            Assert.Equal(LrKernel.Matlab, pair.Kernel);
            Assert.Equal(hr.Pixels, pair.Hr.Pixels);
            output.WriteLine($"{image.Name} x{scale}: {ImageDiff.Of(pair.Lr, lr)}");
            Assert.Equal(lr.Pixels, pair.Lr.Pixels);
        }

        Assert.Equal(5, n);
    }

    [Fact]
    public void Tiny_folder_at_whole_and_fractional_scales_gives_per_image_rows_and_means()
    {
        using var temp = new TempFolder();
        string folder = temp.Folder("Tiny");
        ImageFile.Save(TestImages.Gradient(48, 40), Path.Combine(folder, "a.png"));
        ImageFile.Save(TestImages.Gradient(41, 45), Path.Combine(folder, "b.png"));
        File.WriteAllText(Path.Combine(folder, "c.png"), "broken");
        var skipped = new List<string>();
        var fractions = new ProgressRecorder();
        var evaluator = new Evaluator(new BicubicUpscaler(), new EvalOptions { OnSkipped = (d, s) => skipped.Add($"{d}/{s.Name}") });
        EvalReport report = evaluator.Run([BenchmarkDataset.Open(folder)], [2, 2.5],
            fractions);

        Assert.Equal(["Tiny/c.png"], skipped);
        EvalDatasetInfo info = Assert.Single(report.Datasets);
        Assert.Equal((3, 2, 1), (info.Files, info.Evaluated, info.Skipped.Count));
        EvalResult x2 = report.Find("Tiny", 2)!;
        EvalResult x25 = report.Find("Tiny", 2.5)!;
        Assert.Equal(LrKernel.Matlab, x2.Kernel);
        Assert.Equal(LrKernel.Pil, x25.Kernel);
        Assert.Equal((2, 3), (x2.Shave, x25.Shave));
        Assert.Equal(new EvalImageScore("b.png", 40, 44, 20, 22, x2.Images[1].Psnr, x2.Images[1].Ssim), x2.Images[1]);
        Assert.Equal((40, 45, 16, 18), (x25.Images[1].HrWidth, x25.Images[1].HrHeight, x25.Images[1].LrWidth, x25.Images[1].LrHeight));
        Assert.Equal(x2.Images.Average(i => i.Psnr), x2.MeanPsnr, 1e-12);
        Assert.Equal(x25.Images.Average(i => i.Ssim), x25.MeanSsim, 1e-12);
        Assert.All(report.Results, r => Assert.InRange(r.MeanPsnr, 20, 60));
        Assert.Equal(1.0, fractions.Values[^1]);
        Assert.Equal(fractions.Values.Order(), fractions.Values);
    }

    private sealed class ProgressRecorder : IProgress<double>
    {
        public List<double> Values { get; } = [];

        public void Report(double value) => Values.Add(value);
    }

    [Fact]
    public void Limit_takes_the_first_images_and_strict_stops_at_an_unreadable_one()
    {
        using var temp = new TempFolder();
        string folder = temp.Folder("Lim");
        File.WriteAllText(Path.Combine(folder, "a.png"), "broken");
        ImageFile.Save(TestImages.Gradient(32, 32), Path.Combine(folder, "b.png"));
        ImageFile.Save(TestImages.Gradient(32, 32), Path.Combine(folder, "c.png"));
        BenchmarkDataset set = BenchmarkDataset.Open(folder);

        EvalReport limited = new Evaluator(new BicubicUpscaler(), new EvalOptions { Limit = 2 }).Run([set], [2]);
        Assert.Equal(["b.png"], limited.Results[0].Images.Select(i => i.Image));
        Assert.Equal(2, limited.Limit);

        var strict = new Evaluator(new BicubicUpscaler(), new EvalOptions { Strict = true });
        Assert.Throws<ImageFormatException>(() => strict.Run([set], [2]));
        Assert.Throws<LiifException>(() => new Evaluator(new BicubicUpscaler()).Run([set], [1]));
        Assert.Contains("two datasets are named 'Lim'",
            Assert.Throws<LiifException>(() => new Evaluator(new BicubicUpscaler()).Run([set, set], [2])).Message);
    }
}
