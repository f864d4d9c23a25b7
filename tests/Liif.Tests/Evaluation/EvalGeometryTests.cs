namespace Liif.Tests.Evaluation;

/// <summary>The HR crop rule, the LR kernel rule and scale parsing.</summary>
public class EvalGeometryTests
{
    [Theory]
    [InlineData(512, 512, 2, 512, 512, 256, 256)]
    [InlineData(228, 344, 3, 228, 342, 76, 114)]
    [InlineData(481, 321, 4, 480, 320, 120, 80)]
    [InlineData(100, 99, 8, 96, 96, 12, 12)]
    public void Whole_scales_crop_to_a_multiple_of_the_scale(int w, int h, double s, int hrW, int hrH, int lrW, int lrH)
    {
        Assert.Equal(new LrGeometry(hrW, hrH, lrW, lrH), LrGeometry.For(w, h, s));
    }

    [Theory]
    [InlineData(228, 344, 2.5, 225, 340, 90, 136)]  // multiples of 5 for x2.5
    [InlineData(100, 101, 2.5, 100, 100, 40, 40)]
    [InlineData(50, 50, 1.5, 48, 48, 32, 32)]       // multiples of 3 for x1.5
    [InlineData(50, 50, 2.3, 46, 46, 20, 20)]       // 2.3 is not exact in binary: 23 and 46 still count
    [InlineData(1000, 1000, 3.75, 990, 990, 264, 264)] // multiples of 15
    public void Other_scales_crop_to_the_largest_size_with_a_whole_lr(int w, int h, double s, int hrW, int hrH, int lrW, int lrH)
    {
        Assert.Equal(new LrGeometry(hrW, hrH, lrW, lrH), LrGeometry.For(w, h, s));
    }

    [Fact]
    public void Image_too_small_for_the_scale_is_a_one_line_error()
    {
        var e = Assert.Throws<LiifException>(() => LrGeometry.For(20, 20, 2.37));
        Assert.Contains("20x20", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Scales_not_above_one_are_rejected(double scale)
    {
        var e = Assert.Throws<LiifException>(() => LrGeometry.For(64, 64, scale));
        Assert.Contains("not above 1", e.Message);
    }

    [Theory]
    [InlineData(2.0, nameof(LrKernel.Matlab))]
    [InlineData(3.0, nameof(LrKernel.Matlab))]
    [InlineData(4.0, nameof(LrKernel.Matlab))]
    [InlineData(2.5, nameof(LrKernel.Pil))]
    [InlineData(3.9999, nameof(LrKernel.Pil))]
    [InlineData(6.0, nameof(LrKernel.Pil))]
    [InlineData(8.0, nameof(LrKernel.Pil))]
    [InlineData(1.5, nameof(LrKernel.Pil))]
    public void Auto_kernel_is_matlab_for_whole_scales_up_to_four(double scale, string expected)
    {
        // The kernel by name: a public test method cannot take the library's internal enum.
        Assert.Equal(Enum.Parse<LrKernel>(expected), LrKernels.Resolve(LrKernel.Auto, scale));
        Assert.Equal(LrKernel.Pil, LrKernels.Resolve(LrKernel.Pil, scale));
        Assert.Equal(LrKernel.Matlab, LrKernels.Resolve(LrKernel.Matlab, scale));
    }

    [Fact]
    public void Lr_pair_uses_the_chosen_kernel_and_sizes()
    {
        var hr = TestImages.Noise(51, 37, 3, seed: 5);
        LrPair auto = LrPair.Make(hr, 2, LrKernel.Auto);
        Assert.Equal((50, 36, 25, 18, LrKernel.Matlab), (auto.Hr.Width, auto.Hr.Height, auto.Lr.Width, auto.Lr.Height, auto.Kernel));
        Assert.Equal(Liif.Imaging.MatlabBicubicResize.Resize(hr.Crop(0, 0, 50, 36), 0.5).Pixels, auto.Lr.Pixels);
        Assert.Equal(hr.Crop(0, 0, 50, 36).Pixels, auto.Hr.Pixels);

        LrPair pil = LrPair.Make(hr, 2.5, LrKernel.Auto);
        Assert.Equal((50, 35, 20, 14, LrKernel.Pil), (pil.Hr.Width, pil.Hr.Height, pil.Lr.Width, pil.Lr.Height, pil.Kernel));
        Assert.Equal(Liif.Imaging.PilBicubicResize.Resize(pil.Hr, 20, 14).Pixels, pil.Lr.Pixels);
    }

    [Fact]
    public void Scale_lists_parse_and_reject_bad_entries()
    {
        Assert.Equal([2, 3, 4, 6, 8], EvalScales.Parse("2,3,4,6,8"));
        Assert.Equal([2.5, 3], EvalScales.Parse(" 2.5 , x3"));
        Assert.Throws<LiifException>(() => EvalScales.Parse("2,two"));
        Assert.Throws<LiifException>(() => EvalScales.Parse("2,2"));
        var e = Assert.Throws<LiifException>(() => EvalScales.Parse("2,1"));
        Assert.Equal("scale 1 is not above 1: evaluation shrinks HR by the scale and upscales it back", e.Message);
    }

    [Theory]
    [InlineData(2, "2")]
    [InlineData(2.5, "2.5")]
    [InlineData(3.14159, "3.1416")]
    [InlineData(999999, "999999")]
    [InlineData(1e6, "1E+6")]
    [InlineData(1e308, "1E+308")]
    [InlineData(1.2345e20, "1.235E+20")]
    public void Scales_print_short_even_when_absurd(double scale, string expected) =>
        Assert.Equal(expected, EvalScales.Format(scale));

    [Fact]
    public void Kernel_and_protocol_names_parse()
    {
        Assert.Equal(LrKernel.Pil, LrKernels.Parse("PIL"));
        Assert.Equal(LrKernel.Matlab, LrKernels.Parse("matlab"));
        Assert.Equal(EvalProtocol.Div2k, EvalProtocols.Parse("DIV2K"));
        Assert.Throws<LiifException>(() => LrKernels.Parse("lanczos"));
        Assert.Throws<LiifException>(() => EvalProtocols.Parse("y"));
    }
}
