using Liif.Tests.Cli;
using SkiaSharp;

namespace Liif.Tests;

/// <summary>The library's facade: the shipped model with no path, files as <c>liif upscale</c> makes them, bitmaps, errors.</summary>
public sealed class LiifUpscalerTests
{
    [Fact]
    public void Load_with_no_path_is_the_shipped_model()
    {
        string shipped = TestModels.ShippedDefaultModel() ?? throw new InvalidOperationException("models/edsr-baseline-liif.safetensors not found");
        ImageU8 image = TestImages.Noise(12, 8, 3, seed: 5);
        using var fromResource = LiifUpscaler.Load();
        using var fromFile = LiifUpscaler.Load(shipped);

        Assert.Equal(fromFile.Upscale(image, TargetSize.Scale(2)).Pixels, fromResource.Upscale(image, TargetSize.Scale(2)).Pixels);
    }

    [Fact]
    public void UpscaleFile_writes_what_liif_upscale_writes()
    {
        // A phone's sideways JPEG (EXIF orientation) and a Display P3 PNG with transparency, upscaled with the default
        // model by the library and by the command: the files are byte for byte the same.
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("phone.jpg"), TestPhotos.SidewaysJpeg(12, 8));
        ImageFile.Save(TestImages.Noise(10, 6, 3, seed: 6).WithAlpha(TestImages.Noise(10, 6, 1, seed: 7)), dir.File("p3.png"),
            profile: TestPhotos.DisplayP3);

        using (var upscaler = LiifUpscaler.Load())
        {
            upscaler.UpscaleFile(dir.File("phone.jpg"), dir.File("phone_lib.jpg"), 2);
            upscaler.UpscaleFile(dir.File("p3.png"), dir.File("p3_lib.png"), TargetSize.Size(23, 9));
        }

        CliRunner.Result cli = CliRunner.Run("upscale", dir.File("phone.jpg"), "-o", dir.File("phone_cli.jpg"), "--scale", "2");
        Assert.True(cli.ExitCode == 0, cli.Error);
        cli = CliRunner.Run("upscale", dir.File("p3.png"), "-o", dir.File("p3_cli.png"), "--size", "23x9");
        Assert.True(cli.ExitCode == 0, cli.Error);

        Assert.Equal((16, 24), Size(ImageFile.Load(dir.File("phone_lib.jpg"))));   // upright: 8 wide, 12 high, x2
        Assert.Equal(File.ReadAllBytes(dir.File("phone_cli.jpg")), File.ReadAllBytes(dir.File("phone_lib.jpg")));
        DecodedImage p3 = ImageFile.Read(dir.File("p3_lib.png"));
        Assert.Equal((23, 9, 4), (p3.Image.Width, p3.Image.Height, p3.Image.Channels));
        Assert.NotNull(p3.Profile);
        Assert.Equal(File.ReadAllBytes(dir.File("p3_cli.png")), File.ReadAllBytes(dir.File("p3_lib.png")));
    }

    [Fact]
    public void A_bitmap_is_upscaled_as_its_pixels_are_and_keeps_its_layout()
    {
        using var dir = new TempFolder();
        using var upscaler = LiifUpscaler.Load(TestModels.SaveTiny(dir.Path));
        ImageU8 rgba = TestImages.Noise(9, 7, 3, seed: 8).WithAlpha(TestImages.Noise(9, 7, 1, seed: 9));
        ImageU8 gray = TestImages.Noise(9, 7, 1, seed: 10);

        using SKBitmap colourIn = SkiaPixels.ToBitmap(rgba, null), grayIn = SkiaPixels.ToBitmap(gray, null);
        using SKBitmap colourOut = upscaler.Upscale(colourIn, TargetSize.Scale(2, 3));
        using SKBitmap grayOut = upscaler.Upscale(grayIn, TargetSize.Size(20, 15));

        Assert.Equal((18, 21, SKColorType.Rgba8888, SKAlphaType.Unpremul), (colourOut.Width, colourOut.Height, colourOut.ColorType, colourOut.AlphaType));
        Assert.Equal(upscaler.Upscale(rgba, TargetSize.Scale(2, 3)).Pixels, SkiaPixels.FromBitmap(colourOut).Pixels);
        Assert.Equal((20, 15, SKColorType.Gray8), (grayOut.Width, grayOut.Height, grayOut.ColorType));
        Assert.Equal(upscaler.Upscale(gray, TargetSize.Size(20, 15)).Pixels, SkiaPixels.FromBitmap(grayOut).Pixels);
    }

    [Fact]
    public void Errors_a_caller_can_cause_are_one_line_liif_exceptions_and_write_nothing()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("notes.png"), "not an image");
        ImageFile.Save(TestImages.Noise(6, 4, 3, seed: 11), dir.File("in.png"));
        using var upscaler = LiifUpscaler.Load(TestModels.SaveTiny(dir.Path));

        Assert.Contains("not found", MessageOf<ImageFormatException>(() => upscaler.UpscaleFile(dir.File("none.png"), dir.File("a.png"), 2)));
        Assert.Contains("not an image", MessageOf<ImageFormatException>(() => upscaler.UpscaleFile(dir.File("notes.png"), dir.File("b.png"), 2)));
        Assert.Contains("unsupported output format", MessageOf<ImageFormatException>(() => upscaler.UpscaleFile(dir.File("in.png"), dir.File("c.gif"), 2)));
        Assert.Contains("positive finite", MessageOf<LiifException>(() => upscaler.UpscaleFile(dir.File("in.png"), dir.File("d.png"), 0)));
        Assert.Contains("does not exist", MessageOf<LiifException>(() => upscaler.UpscaleFile(dir.File("in.png"), dir.File("no/e.png"), 2)));
        Assert.Contains("not found", MessageOf<CheckpointException>(() => LiifUpscaler.Load(dir.File("none.safetensors"))));
        Assert.Contains("bad device", MessageOf<LiifException>(() => LiifUpscaler.Load(device: "tpu")));
        Assert.Equal("output 60000x40000 (2400 MP) is above the 400 MP limit (raise it with LiifUpscaler.MaxMegapixels)",
            MessageOf<LiifException>(() => upscaler.UpscaleFile(dir.File("in.png"), dir.File("g.png"), 10000)));
        upscaler.MaxMegapixels = 0.0001;
        Assert.Contains("above the 0.0001 MP limit", MessageOf<LiifException>(() => upscaler.Upscale(TestImages.Noise(6, 4, 3, seed: 1), TargetSize.Scale(8))));
        upscaler.MaxMegapixels = 400;
        // A limit that is not above 0 is refused when it is set, not reported later as an output "above the -1 MP limit".
        foreach (double bad in (double[])[0, -1, double.NaN])
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => upscaler.MaxMegapixels = bad);
        }

        Assert.Equal(400, upscaler.MaxMegapixels);
        Assert.Equal(["in.png", "notes.png", "tiny.safetensors"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order());

        upscaler.Dispose();
        Assert.Throws<ObjectDisposedException>(() => upscaler.UpscaleFile(dir.File("in.png"), dir.File("f.png"), 2));
    }

    /// <summary>The message of the <typeparamref name="T"/> that <paramref name="act"/> throws, which must be one line.</summary>
    private static string MessageOf<T>(Action act) where T : LiifException
    {
        string message = Assert.Throws<T>(act).Message;
        Assert.DoesNotContain('\n', message);
        return message;
    }

    private static (int Width, int Height) Size(ImageU8 image) => (image.Width, image.Height);
}
