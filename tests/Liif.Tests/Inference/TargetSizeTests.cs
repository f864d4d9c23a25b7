using Liif.Inference;

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
}
