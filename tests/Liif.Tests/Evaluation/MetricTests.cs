namespace Liif.Tests.Evaluation;

public class MetricTests
{
    private static ImageU8 Gray(int width, int height, byte value) =>
        new(width, height, 3, Enumerable.Repeat(value, width * height * 3).ToArray());

    [Fact]
    public void Y_of_black_and_white_is_studio_range()
    {
        double[] y = ColorSpace.ToY(new ImageU8(2, 1, 3, [0, 0, 0, 255, 255, 255]));
        Assert.Equal(16, y[0], 1e-12);
        Assert.Equal(16 + (65.738 + 129.057 + 25.064) * 255 / 256, y[1], 1e-9);
        Assert.Equal(235, y[1], 0.001);
    }

    [Fact]
    public void Identical_images_give_infinite_psnr_and_unit_ssim()
    {
        ImageU8 image = TestImagesForMetrics.Noise(40, 30);
        Assert.Equal(double.PositiveInfinity, PsnrMetric.Compute(image, image, 2, EvalProtocol.Benchmark));
        Assert.Equal(double.PositiveInfinity, PsnrMetric.Compute(image, image, 2, EvalProtocol.Div2k));
        Assert.Equal(1.0, SsimMetric.Compute(image, image, 2, EvalProtocol.Benchmark), 1e-12);
    }

    [Fact]
    public void One_grey_level_offset_gives_known_psnr()
    {
        ImageU8 hr = Gray(30, 30, 100);
        ImageU8 sr = Gray(30, 30, 101);
        // Benchmark: the Y difference of a 1-level RGB offset is 219.859/256 levels.
        double yStep = (65.738 + 129.057 + 25.064) / 256;
        Assert.Equal(20 * Math.Log10(255 / yStep), PsnrMetric.Compute(sr, hr, 4, EvalProtocol.Benchmark), 1e-9);
        // Div2k: RGB, so exactly one level: 20·log10(255) = 48.1308 dB.
        Assert.Equal(20 * Math.Log10(255), PsnrMetric.Compute(sr, hr, 4, EvalProtocol.Div2k), 1e-9);
        Assert.Equal(48.1308, PsnrMetric.Compute(sr, hr, 4, EvalProtocol.Div2k), 1e-4);
    }

    [Fact]
    public void Ssim_of_two_flat_images_is_the_luminance_term()
    {
        ImageU8 hr = Gray(24, 24, 100);
        ImageU8 sr = Gray(24, 24, 120);
        double a = ColorSpace.ToY(sr)[0], b = ColorSpace.ToY(hr)[0];
        double c1 = Math.Pow(0.01 * 255, 2);
        double expected = (2 * a * b + c1) / (a * a + b * b + c1); // no variance: the structure term is C2/C2
        Assert.Equal(expected, SsimMetric.Compute(sr, hr, 2, EvalProtocol.Benchmark), 1e-12);
    }

    [Fact]
    public void Border_inside_the_shave_is_ignored()
    {
        ImageU8 hr = TestImagesForMetrics.Noise(30, 30);
        var sr = new ImageU8(30, 30, 3, (byte[])hr.Pixels.Clone());
        sr.Pixels[0] ^= 0xFF; // pixel (0, 0)
        sr.Pixels[(29 * 30 + 29) * 3 + 1] ^= 0xFF; // pixel (29, 29)
        Assert.Equal(double.PositiveInfinity, PsnrMetric.Compute(sr, hr, 1, EvalProtocol.Benchmark));
        Assert.Equal(1.0, SsimMetric.Compute(sr, hr, 1, EvalProtocol.Benchmark), 1e-12);
        sr.Pixels[(1 * 30 + 1) * 3] ^= 0xFF; // pixel (1, 1): just inside
        Assert.True(double.IsFinite(PsnrMetric.Compute(sr, hr, 1, EvalProtocol.Benchmark)));
    }

    [Theory]
    [InlineData(nameof(EvalProtocol.Benchmark), 2.0, 2)]
    [InlineData(nameof(EvalProtocol.Benchmark), 2.5, 3)]
    [InlineData(nameof(EvalProtocol.Div2k), 4.0, 10)]
    [InlineData(nameof(EvalProtocol.Div2k), 1.2, 8)]
    public void Shave_is_scale_rounded_up_plus_six_for_div2k(string protocol, double scale, int shave)
    {
        // The protocol by name: a public test method cannot take the library's internal enum.
        Assert.Equal(shave, Enum.Parse<EvalProtocol>(protocol).Shave(scale));
    }

    [Fact]
    public void Mismatched_sizes_and_tiny_regions_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(
            () => PsnrMetric.Compute(Gray(10, 10, 0), Gray(10, 12, 0), 2, EvalProtocol.Benchmark));
        Assert.Equal("SR is 10x10 but HR is 10x12; metrics need the same size", e.Message);
        Assert.Throws<LiifException>(() => PsnrMetric.Compute(Gray(8, 8, 0), Gray(8, 8, 0), 4, EvalProtocol.Benchmark));
        Assert.Throws<LiifException>(() => SsimMetric.Compute(Gray(14, 14, 0), Gray(14, 14, 0), 2, EvalProtocol.Benchmark));
    }

    [Fact]
    public void Gray_images_are_scored_as_rgb()
    {
        ImageU8 rgb = TestImagesForMetrics.Noise(20, 20);
        var gray = new ImageU8(20, 20, 1, Enumerable.Range(0, 400).Select(i => (byte)i).ToArray());
        Assert.Equal(
            PsnrMetric.Compute(gray.ToRgb(), rgb, 2, EvalProtocol.Benchmark),
            PsnrMetric.Compute(gray, rgb, 2, EvalProtocol.Benchmark));
    }

}

internal static class TestImagesForMetrics
{
    public static ImageU8 Noise(int width, int height, int seed = 1)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new ImageU8(width, height, 3, pixels);
    }
}
