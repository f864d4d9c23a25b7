namespace Liif.Tests.Evaluation;

/// <summary>
/// Reproduces the reference table of shared/data/README.md: PIL-bicubic down and back up, scored with the benchmark
/// protocol, mean over the set.
/// </summary>
public class ReferenceTableTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Set5", 2, 33.6733, 0.9303)]
    [InlineData("Set5", 3, 30.4032, 0.8689)]
    [InlineData("Set5", 4, 28.4292, 0.8111)]
    [InlineData("Set14", 2, 30.3247, 0.8698)]
    [InlineData("Set14", 3, 27.6312, 0.7759)]
    [InlineData("Set14", 4, 26.0906, 0.7048)]
    public void Bicubic_baseline_matches_reference_table(string set, int scale, double psnr, double ssim)
    {
        if (SharedData.Data is null)
        {
            Assert.Skip(SharedData.MissingMessage);
        }
        string folder = Path.Combine(SharedData.Data, "benchmark", set, "HR");
        if (!Directory.Exists(folder))
        {
            Assert.Skip($"{folder} not found");
        }
        var psnrs = new List<double>();
        var ssims = new List<double>();
        foreach (string path in Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal))
        {
            ImageU8 full = ImageFile.Load(path).ToRgb();
            ImageU8 hr = full.Crop(0, 0, full.Width - full.Width % scale, full.Height - full.Height % scale);
            ImageU8 lr = PilBicubicResize.Resize(hr, hr.Width / scale, hr.Height / scale);
            ImageU8 sr = PilBicubicResize.Resize(lr, hr.Width, hr.Height);
            psnrs.Add(PsnrMetric.Compute(sr, hr, scale, EvalProtocol.Benchmark));
            ssims.Add(SsimMetric.Compute(sr, hr, scale, EvalProtocol.Benchmark));
            output.WriteLine($"{Path.GetFileName(path)}: {psnrs[^1]:F4} dB / {ssims[^1]:F4}");
        }
        output.WriteLine($"{set} x{scale}: mean {psnrs.Average():F4} dB (reference {psnr}) / " +
            $"{ssims.Average():F5} (reference {ssim})");
        Assert.Equal(psnr, psnrs.Average(), 0.001);
        Assert.Equal(ssim, ssims.Average(), 0.0005);
    }
}
