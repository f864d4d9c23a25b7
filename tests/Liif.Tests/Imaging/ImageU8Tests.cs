namespace Liif.Tests.Imaging;

public class ImageU8Tests
{
    [Fact]
    public void Gray_to_rgb_replicates()
    {
        var gray = new ImageU8(2, 1, 1, [10, 200]);
        Assert.Equal(new byte[] { 10, 10, 10, 200, 200, 200 }, gray.ToRgb().Pixels);
    }

    [Fact]
    public void Gray_means_equal_colour_channels_and_the_channel_mean_rounds()
    {
        Assert.True(new ImageU8(2, 1, 1, [10, 200]).IsGray());
        Assert.True(new ImageU8(2, 1, 4, [7, 7, 7, 0, 9, 9, 9, 255]).IsGray());   // alpha aside
        Assert.False(new ImageU8(2, 1, 3, [7, 7, 7, 9, 9, 8]).IsGray());
        Assert.Equal(new byte[] { 7, 11, 12 }, new ImageU8(3, 1, 3, [7, 7, 8, 10, 11, 12, 11, 12, 12]).ChannelMean().Pixels);
    }

    [Fact]
    public void Rgba_to_rgb_drops_alpha_and_alpha_round_trips()
    {
        var rgba = new ImageU8(2, 1, 4, [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal(new byte[] { 1, 2, 3, 5, 6, 7 }, rgba.ToRgb().Pixels);
        ImageU8 alpha = rgba.Alpha()!;
        Assert.Equal((2, 1, 1), (alpha.Width, alpha.Height, alpha.Channels));
        Assert.Equal(new byte[] { 4, 8 }, alpha.Pixels);
        Assert.Equal(rgba.Pixels, rgba.ToRgb().WithAlpha(alpha).Pixels);
    }

    [Fact]
    public void Rgb_has_no_alpha_and_to_rgb_is_itself()
    {
        var rgb = new ImageU8(1, 1, 3, [9, 8, 7]);
        Assert.Null(rgb.Alpha());
        Assert.Same(rgb, rgb.ToRgb());
    }

    [Fact]
    public void Crop_copies_the_rectangle()
    {
        var image = new ImageU8(3, 3, 1, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
        ImageU8 crop = image.Crop(1, 1, 2, 2);
        Assert.Equal(new byte[] { 4, 5, 7, 8 }, crop.Pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(2, 0, 2, 1));
    }

    [Fact]
    public void Constructor_checks_buffer_size_and_channels()
    {
        Assert.Throws<ArgumentException>(() => new ImageU8(2, 2, 3, new byte[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageU8(2, 2, 2, new byte[8]));
    }

    [Fact]
    public void With_alpha_checks_size()
    {
        var rgb = new ImageU8(2, 2, 3);
        Assert.Throws<ArgumentException>(() => rgb.WithAlpha(new ImageU8(1, 2, 1)));
    }
}
