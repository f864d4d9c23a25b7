using System.Buffers.Binary;
using System.Text;

namespace Liif.Tests.Imaging;

public sealed class ImageFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("liif-imagefile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public void Png_round_trips_rgb_exactly()
    {
        ImageU8 image = TestImages.Noise(31, 17, 3, seed: 5);
        ImageFile.Save(image, PathOf("a.png"));
        ImageU8 back = ImageFile.Load(PathOf("a.png"));
        Assert.Equal((31, 17, 3), (back.Width, back.Height, back.Channels));
        Assert.Equal(image.Pixels, back.Pixels);
    }

    [Fact]
    public void Png_round_trips_gray_as_one_channel()
    {
        ImageU8 image = TestImages.Noise(8, 5, 1, seed: 6);
        ImageFile.Save(image, PathOf("g.png"));
        ImageU8 back = ImageFile.Load(PathOf("g.png"));
        Assert.Equal(1, back.Channels);
        Assert.Equal(image.Pixels, back.Pixels);
    }

    [Fact]
    public void Png_keeps_alpha_only_when_some_pixel_is_not_opaque()
    {
        ImageU8 rgb = TestImages.Noise(6, 4, 3, seed: 7);
        var alpha = new ImageU8(6, 4, 1, Enumerable.Repeat((byte)255, 24).ToArray());
        ImageFile.Save(rgb.WithAlpha(alpha), PathOf("opaque.png"));
        Assert.Equal(3, ImageFile.Load(PathOf("opaque.png")).Channels);

        alpha.Pixels[5] = 0;
        alpha.Pixels[6] = 128;
        ImageU8 rgba = rgb.WithAlpha(alpha);
        ImageFile.Save(rgba, PathOf("alpha.png"));
        ImageU8 back = ImageFile.Load(PathOf("alpha.png"));
        Assert.Equal(4, back.Channels);
        Assert.Equal(rgba.Pixels, back.Pixels); // straight alpha survives, even under alpha 0
    }

    [Theory]
    [InlineData("a.jpg", 95, 12)]
    [InlineData("a.jpeg", 95, 12)]
    [InlineData("a.webp", 90, 20)]
    [InlineData("a.webp", 100, 0)]
    public void Lossy_formats_round_trip_closely(string name, int quality, int tolerance)
    {
        ImageU8 image = TestImages.Gradient(64, 48);
        ImageFile.Save(image, PathOf(name), quality);
        ImageU8 back = ImageFile.Load(PathOf(name));
        Assert.Equal((64, 48, 3), (back.Width, back.Height, back.Channels));
        Assert.True(ImageDiff.Of(back, image).Max <= tolerance, ImageDiff.Of(back, image).ToString());
    }

    [Fact]
    public void Loads_bmp()
    {
        // 2×2, 24-bit, bottom-up rows of BGR padded to 4 bytes.
        var bmp = new byte[54 + 16];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        byte[] rows = [30, 20, 10, 60, 50, 40, 0, 0, /* top: */ 3, 2, 1, 6, 5, 4, 0, 0];
        rows.CopyTo(bmp, 54);
        File.WriteAllBytes(PathOf("a.bmp"), bmp);
        ImageU8 image = ImageFile.Load(PathOf("a.bmp"));
        Assert.Equal((2, 2, 3), (image.Width, image.Height, image.Channels));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60 }, image.Pixels);
    }

    [Fact]
    public void Save_overwrites_and_leaves_no_temporary_file()
    {
        ImageFile.Save(TestImages.Noise(4, 4, 3, seed: 8), PathOf("o.png"));
        ImageU8 second = TestImages.Noise(5, 3, 3, seed: 9);
        ImageFile.Save(second, PathOf("o.png"));
        Assert.Equal(second.Pixels, ImageFile.Load(PathOf("o.png")).Pixels);
        Assert.Equal(["o.png"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_rejects_unknown_extension_and_missing_folder()
    {
        ImageU8 image = TestImages.Noise(4, 4, 3, seed: 10);
        var unsupported = Assert.Throws<ImageFormatException>(() => ImageFile.Save(image, PathOf("x.tiff")));
        Assert.Contains("unsupported output format", unsupported.Message);
        string missing = Path.Combine(_folder, "nope");
        var noFolder = Assert.ThrowsAny<LiifException>(() => ImageFile.Save(image, Path.Combine(missing, "x.png")));
        Assert.Equal($"output folder '{missing}' does not exist", noFolder.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Load_reports_missing_empty_and_non_image_files()
    {
        var notFound = Assert.Throws<ImageFormatException>(() => ImageFile.Load(PathOf("none.png")));
        Assert.Equal($"'{PathOf("none.png")}' not found", notFound.Message);

        File.WriteAllBytes(PathOf("empty.png"), []);
        var empty = Assert.Throws<ImageFormatException>(() => ImageFile.Load(PathOf("empty.png")));
        Assert.Equal($"'{PathOf("empty.png")}' is empty", empty.Message);

        File.WriteAllText(PathOf("text.png"), "this is not an image at all, just some text");
        var text = Assert.Throws<ImageFormatException>(() => ImageFile.Load(PathOf("text.png")));
        Assert.Equal($"cannot read '{PathOf("text.png")}': not an image (PNG, JPEG, WebP, BMP or GIF)", text.Message);
    }

    [Fact]
    public void Load_detects_truncated_png()
    {
        ImageFile.Save(TestImages.Noise(64, 64, 3, seed: 11), PathOf("full.png"));
        byte[] bytes = File.ReadAllBytes(PathOf("full.png"));
        File.WriteAllBytes(PathOf("cut.png"), bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<ImageFormatException>(() => ImageFile.Load(PathOf("cut.png")));
        Assert.Equal($"'{PathOf("cut.png")}' is truncated or corrupt", e.Message);

        // Cut inside the header, so that the decoder cannot even be opened: the same words, no decoder status.
        File.WriteAllBytes(PathOf("header.png"), bytes[..20]);
        e = Assert.Throws<ImageFormatException>(() => ImageFile.Load(PathOf("header.png")));
        Assert.Equal($"'{PathOf("header.png")}' is truncated or corrupt", e.Message);
    }

    [Fact]
    public void Load_refuses_huge_header_before_allocating()
    {
        File.WriteAllBytes(PathOf("huge.png"), TestImages.PngHeaderOnly(100_000, 100_000));
        var e = Assert.Throws<ImageFormatException>(() => ImageFile.Load(PathOf("huge.png")));
        Assert.Equal($"image '{PathOf("huge.png")}' is 100000x100000 (10000 MP), above the 400 MP limit", e.Message);
    }

    [Fact]
    public void The_pixel_limit_is_an_argument_and_a_small_one_is_not_called_zero()
    {
        ImageFile.Save(TestImages.Noise(31, 17, 3, seed: 12), PathOf("small.png"));
        var e = Assert.Throws<ImageFormatException>(() => ImageFile.Load(PathOf("small.png"), maxPixels: 100));
        Assert.Equal($"image '{PathOf("small.png")}' is 31x17 (0.000527 MP), above the 0.0001 MP limit", e.Message);
        Assert.Equal(31, ImageFile.Load(PathOf("small.png"), maxPixels: 527).Width);
    }
}
