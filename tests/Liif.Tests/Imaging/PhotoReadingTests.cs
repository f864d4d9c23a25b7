using SkiaSharp;

namespace Liif.Tests.Imaging;

/// <summary>Images are read as viewers show them: upright, in their colour profile, GIFs whole (first frame of an animation).</summary>
public sealed class PhotoReadingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>3x2, every pixel distinct: (r, g, b) = (10 x, 10 y, 7).</summary>
    private static ImageU8 Stored()
    {
        var image = new ImageU8(3, 2, 3);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 3; x++)
            {
                image.Pixels[(y * 3 + x) * 3] = (byte)(10 * x);
                image.Pixels[(y * 3 + x) * 3 + 1] = (byte)(10 * y);
                image.Pixels[(y * 3 + x) * 3 + 2] = 7;
            }
        }

        return image;
    }

    [Theory]
    // orientation, upright size, the stored (x, y) shown at the upright top-left and top-right corners
    [InlineData(SKEncodedOrigin.TopLeft, 3, 2, 0, 0, 2, 0)]
    [InlineData(SKEncodedOrigin.TopRight, 3, 2, 2, 0, 0, 0)]
    [InlineData(SKEncodedOrigin.BottomRight, 3, 2, 2, 1, 0, 1)]
    [InlineData(SKEncodedOrigin.BottomLeft, 3, 2, 0, 1, 2, 1)]
    [InlineData(SKEncodedOrigin.LeftTop, 2, 3, 0, 0, 0, 1)]
    [InlineData(SKEncodedOrigin.RightTop, 2, 3, 0, 1, 0, 0)]
    [InlineData(SKEncodedOrigin.RightBottom, 2, 3, 2, 1, 2, 0)]
    [InlineData(SKEncodedOrigin.LeftBottom, 2, 3, 2, 0, 2, 1)]
    public void Every_exif_orientation_is_turned_upright(SKEncodedOrigin origin, int width, int height, int tlX, int tlY, int trX, int trY)
    {
        ImageU8 upright = ImageOrientation.Upright(Stored(), origin);
        Assert.Equal((width, height), (upright.Width, upright.Height));
        Assert.Equal((10 * tlX, 10 * tlY), (upright[0, 0, 0], upright[0, 0, 1]));
        Assert.Equal((10 * trX, 10 * trY), (upright[width - 1, 0, 0], upright[width - 1, 0, 1]));
    }

    [Fact]
    public void A_jpeg_tagged_rotate_90_is_read_upright()
    {
        File.WriteAllBytes(_temp.File("phone.jpg"), TestPhotos.SidewaysJpeg(32, 16));
        ImageU8 image = ImageFile.Load(_temp.File("phone.jpg"));
        Assert.Equal((16, 32), (image.Width, image.Height));
        Assert.True(image[8, 4, 0] < 20 && image[8, 28, 0] > 235, $"top {image[8, 4, 0]}, bottom {image[8, 28, 0]}");
    }

    [Fact]
    public void A_wide_gamut_profile_is_kept_and_the_pixels_are_not_converted()
    {
        ImageU8 red = Flat(8, 6, 255, 0, 0);
        ImageFile.Save(red, _temp.File("p3.png"), profile: TestPhotos.DisplayP3);

        DecodedImage read = ImageFile.Read(_temp.File("p3.png"));
        Assert.Equal(red.Pixels, read.Image.Pixels);   // P3 red stays (255, 0, 0) in P3, not clipped into sRGB
        Assert.NotNull(read.Profile);
        AssertSameGamut(TestPhotos.DisplayP3, read.Profile);
        Assert.False(read.ConvertedToSrgb);

        ImageFile.Save(red, _temp.File("srgb.png"));
        Assert.Null(ImageFile.Read(_temp.File("srgb.png")).Profile);
    }

    [Fact]
    public void A_gif_is_read_whole_and_an_animation_gives_its_first_frame()
    {
        byte[] first = Enumerable.Range(0, 20 * 15).Select(i => (byte)(i % 251)).ToArray();
        byte[] second = Enumerable.Repeat((byte)9, 20 * 15).ToArray();
        File.WriteAllBytes(_temp.File("still.gif"), TestPhotos.Gif(20, 15, first));
        File.WriteAllBytes(_temp.File("anim.gif"), TestPhotos.Gif(20, 15, first, second));

        DecodedImage still = ImageFile.Read(_temp.File("still.gif"));
        Assert.Equal(1, still.Frames);
        Assert.Equal((20, 15, 3), (still.Image.Width, still.Image.Height, still.Image.Channels));
        for (int i = 0; i < first.Length; i++)
        {
            (byte r, byte g, byte b) = TestPhotos.PaletteColour(first[i]);
            Assert.Equal((r, g, b), (still.Image.Pixels[i * 3], still.Image.Pixels[i * 3 + 1], still.Image.Pixels[i * 3 + 2]));
        }

        DecodedImage animated = ImageFile.Read(_temp.File("anim.gif"));
        Assert.Equal(2, animated.Frames);
        Assert.Equal(still.Image.Pixels, animated.Image.Pixels);
        Assert.Contains(".gif", ImageFolder.Extensions);
    }

    internal static ImageU8 Flat(int width, int height, byte r, byte g, byte b)
    {
        var image = new ImageU8(width, height, 3);
        for (int i = 0; i < width * height; i++)
        {
            (image.Pixels[i * 3], image.Pixels[i * 3 + 1], image.Pixels[i * 3 + 2]) = (r, g, b);
        }

        return image;
    }

    /// <summary>The same primaries and white point to the precision of an ICC profile (s15Fixed16 numbers).</summary>
    internal static void AssertSameGamut(ColorProfile expected, ColorProfile? actual)
    {
        Assert.NotNull(actual);
        float[] e = expected.ToXyzD50.Values, a = actual.ToXyzD50.Values;
        Assert.All(Enumerable.Range(0, 9), i => Assert.Equal(e[i], a[i], 1e-3f));
    }
}
