namespace Liif.Tests.Imaging;

public class MatlabBicubicResizeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Set5")]
    [InlineData("Set14")]
    public void Reproduces_matlab_imresize_benchmark_lr(string set)
    {
        if (SharedData.Data is null)
        {
            Assert.Skip(SharedData.MissingMessage);
        }
        string root = Path.Combine(SharedData.Data, "benchmark", set, "matlab_bicubic");
        if (!Directory.Exists(root))
        {
            Assert.Skip($"{root} not found");
        }
        int worst = 0;
        long differing = 0;
        long total = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (int scale in new[] { 2, 3, 4 })
        {
            string folder = Path.Combine(root, $"X{scale}");
            foreach (string hrPath in Directory.GetFiles(folder, "*_HR.png").Order(StringComparer.Ordinal))
            {
                ImageU8 hr = ImageFile.Load(hrPath);
                ImageU8 want = ImageFile.Load(hrPath.Replace("_HR.png", "_LR.png", StringComparison.Ordinal));
                ImageU8 got = MatlabBicubicResize.Resize(hr, 1.0 / scale);
                if (want.Channels == 1 && got.Channels == 3)
                {
                    want = want.ToRgb();
                }
                var diff = ImageDiff.Of(got, want);
                output.WriteLine($"x{scale} {Path.GetFileName(hrPath)} {hr.Width}x{hr.Height}x{hr.Channels}: {diff}");
                worst = Math.Max(worst, diff.Max);
                differing += diff.Differing;
                total += diff.Total;
            }
        }
        output.WriteLine($"{set}: worst max |diff| {worst}, {differing}/{total} values differ " +
            $"({(double)differing / total:P4}), {watch.ElapsedMilliseconds} ms");
        Assert.True(total > 0, "no HR/LR pairs found");
        Assert.True(worst == 0, $"max |diff| {worst}; the goldens must be reproduced bit for bit");
    }

    [Fact]
    public void Scale_one_is_identity()
    {
        var src = TestImages.Noise(23, 11, 3, seed: 3);
        Assert.Equal(src.Pixels, MatlabBicubicResize.Resize(src, 1.0).Pixels);
    }

    [Fact]
    public void Output_size_is_ceiling_of_scaled_size()
    {
        var src = TestImages.Gradient(10, 7);
        ImageU8 got = MatlabBicubicResize.Resize(src, 1.0 / 3);
        Assert.Equal((4, 3), (got.Width, got.Height));
        ImageU8 up = MatlabBicubicResize.Resize(src, 25, 4);
        Assert.Equal((25, 4, 3), (up.Width, up.Height, up.Channels));
    }

    [Fact]
    public void Constant_image_stays_constant()
    {
        var src = new ImageU8(31, 17, 1, Enumerable.Repeat((byte)77, 31 * 17).ToArray());
        foreach (double scale in new[] { 0.25, 0.5, 1.0 / 3, 1.7, 4.0 })
        {
            Assert.All(MatlabBicubicResize.Resize(src, scale).Pixels, v => Assert.Equal(77, v));
        }
    }

}
