using System.Globalization;

namespace Liif.Tests.Inference;

public sealed class TargetSizeTests
{
    [Theory]
    [InlineData("2", 100, 50, 200, 100)]
    [InlineData("3.7", 10, 20, 37, 74)]
    [InlineData("2x3", 10, 20, 20, 60)]
    [InlineData("0.5", 3, 3, 2, 2)]
    [InlineData("0.01", 3, 3, 1, 1)]
    public void Scale_gives_rounded_size(string scale, int w, int h, int expectedW, int expectedH)
    {
        Assert.Equal((expectedW, expectedH), TargetSize.ParseScale(scale).For(w, h));
    }

    [Fact]
    public void Size_is_exact_whatever_the_input()
    {
        Assert.Equal((1920, 1080), TargetSize.ParseSize("1920x1080").For(17, 999));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("abc")]
    [InlineData("2x0")]
    [InlineData("2x3x4")]
    public void Bad_scales_are_refused(string scale)
    {
        Assert.Throws<LiifException>(() => TargetSize.ParseScale(scale));
    }

    [Theory]
    [InlineData("0x10")]
    [InlineData("10x0")]
    [InlineData("-5x10")]
    [InlineData("10")]
    [InlineData("1.5x2")]
    public void Bad_sizes_are_refused(string size)
    {
        Assert.Throws<LiifException>(() => TargetSize.ParseSize(size));
    }

    [Fact]
    public void Factories_equal_the_parsed_forms()
    {
        Assert.Equal(TargetSize.ParseScale("3.7"), TargetSize.Scale(3.7));
        Assert.Equal(TargetSize.ParseScale("2x3"), TargetSize.Scale(2, 3));
        Assert.Equal(TargetSize.ParseSize("1920x1080"), TargetSize.Size(1920, 1080));
        Assert.Equal("x2x3", TargetSize.Scale(2, 3).ToString());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, -2)]
    [InlineData(double.NaN, 1)]
    [InlineData(1, double.PositiveInfinity)]
    public void Bad_scale_factors_are_refused(double scaleX, double scaleY)
    {
        Assert.Throws<LiifException>(() => TargetSize.Scale(scaleX, scaleY));
    }

    [Fact]
    public void Bad_exact_sizes_are_refused()
    {
        Assert.Throws<LiifException>(() => TargetSize.Size(0, 10));
        Assert.Throws<LiifException>(() => TargetSize.Size(10, -1));
    }

    [Fact]
    public void Null_text_is_an_argument_error_and_a_too_large_scale_reads_the_same_in_every_culture()
    {
        Assert.Throws<ArgumentNullException>(() => TargetSize.ParseScale(null!));
        Assert.Throws<ArgumentNullException>(() => TargetSize.ParseSize(null!));
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            // A culture that writes a decimal comma, as a library caller's may (this project runs invariant).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("scale 1.5E+300x1.5E+300 of a 4x3 image is too large",
                Assert.Throws<LiifException>(() => TargetSize.ParseScale("1.5e300").For(4, 3)).Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
