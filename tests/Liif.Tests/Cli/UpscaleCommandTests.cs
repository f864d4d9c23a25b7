using Liif.Imaging;
using Liif.Tests.Imaging;

namespace Liif.Tests.Cli;

/// <summary><c>liif upscale</c> end to end on tiny inputs, and every kind of bad input from the issue.</summary>
public sealed class UpscaleCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly string _model;
    private readonly string _input;

    public UpscaleCommandTests()
    {
        _model = TestModels.SaveTiny(_dir.Path);
        _input = _dir.File("in.png");
        ImageFile.Save(Gradient(12, 9, 3), _input);
    }

    public void Dispose() => _dir.Dispose();

    private static ImageU8 Gradient(int w, int h, int channels)
    {
        var img = new ImageU8(w, h, channels);
        for (int i = 0; i < img.Pixels.Length; i++)
        {
            img.Pixels[i] = (byte)(i * 7 % 256);
        }

        if (channels == 4)
        {
            for (int i = 3; i < img.Pixels.Length; i += 4)
            {
                img.Pixels[i] = (byte)(i % 200);
            }
        }

        return img;
    }

    private string[] NoOutputsLeft() => Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Where(n => n!.StartsWith("out", StringComparison.Ordinal) || n.Contains(".tmp", StringComparison.Ordinal)).ToArray()!;

    [Fact]
    public void Non_integer_scale_and_exact_non_uniform_size()
    {
        CliRunner.Result r = CliRunner.Run("upscale", _input, "-o", _dir.File("a.png"), "--scale", "3.7", "--model", _model);
        Assert.True(r.ExitCode == 0, r.Error);
        ImageU8 a = ImageFile.Load(_dir.File("a.png"));
        Assert.Equal((44, 33), (a.Width, a.Height));   // round(12·3.7), round(9·3.7)

        r = CliRunner.Run("upscale", _input, "-o", _dir.File("b.webp"), "--size", "50x20", "--model", _model, "--max-queries", "64");
        Assert.True(r.ExitCode == 0, r.Error);
        ImageU8 b = ImageFile.Load(_dir.File("b.webp"));
        Assert.Equal((50, 20), (b.Width, b.Height));

        r = CliRunner.Run("upscale", _input, "-o", _dir.File("c.jpg"), "--scale", "2x3", "--model", _model);
        Assert.True(r.ExitCode == 0, r.Error);
        ImageU8 c = ImageFile.Load(_dir.File("c.jpg"));
        Assert.Equal((24, 27), (c.Width, c.Height));
    }

    [Fact]
    public void Alpha_is_kept_and_gray_stays_gray()
    {
        ImageFile.Save(Gradient(6, 5, 4), _dir.File("rgba.png"));
        CliRunner.Result r = CliRunner.Run("upscale", _dir.File("rgba.png"), "-o", _dir.File("rgba_x2.png"), "--scale", "2", "--model", _model);
        Assert.True(r.ExitCode == 0, r.Error);
        ImageU8 up = ImageFile.Load(_dir.File("rgba_x2.png"));
        Assert.Equal((12, 10, 4), (up.Width, up.Height, up.Channels));

        ImageFile.Save(Gradient(6, 5, 1), _dir.File("gray.png"));
        r = CliRunner.Run("upscale", _dir.File("gray.png"), "-o", _dir.File("gray_x2.png"), "--scale", "2", "--model", _model);
        Assert.True(r.ExitCode == 0, r.Error);
        ImageU8 gray = ImageFile.Load(_dir.File("gray_x2.png"));
        Assert.Equal((12, 10, 1), (gray.Width, gray.Height, gray.Channels));
    }

    [Fact]
    public void A_folder_is_a_batch_and_bad_images_are_reported_one_line_each()
    {
        string inDir = Directory.CreateDirectory(_dir.File("batch")).FullName;
        string outDir = Directory.CreateDirectory(_dir.File("batch_out")).FullName;
        ImageFile.Save(Gradient(5, 4, 3), Path.Combine(inDir, "one.png"));
        ImageFile.Save(Gradient(4, 6, 3), Path.Combine(inDir, "two.jpg"));
        File.WriteAllText(Path.Combine(inDir, "three.png"), "not an image");

        CliRunner.Result r = CliRunner.Run("upscale", inDir, "--out-dir", outDir, "--scale", "2", "--model", _model);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(2, r.ErrorLines.Length);   // the bad image, then the count
        Assert.Contains("three.png", r.ErrorLines[0]);
        Assert.Equal(new[] { "one.png", "two.jpg" }, Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToArray());
    }

    public static TheoryData<string, string[], string> BadInputs() => new()
    {
        { "missing image", ["upscale", "{dir}/nope.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "not found" },
        { "empty image", ["upscale", "{dir}/empty.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "empty" },
        { "non-image file", ["upscale", "{dir}/text.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "text.png" },
        { "truncated image", ["upscale", "{dir}/truncated.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "truncated" },
        { "huge header", ["upscale", "{dir}/huge.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "limit" },
        { "zero scale", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "0", "--model", "{model}"], "positive" },
        { "negative scale", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "-3", "--model", "{model}"], "positive" },
        { "NaN scale", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "NaN", "--model", "{model}"], "not a number" },
        { "infinite scale", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "Infinity", "--model", "{model}"], "positive finite" },
        { "zero size", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--size", "0x10", "--model", "{model}"], "at least 1" },
        { "output above pixel limit", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--size", "30000x20000", "--model", "{model}"], "400 MP limit" },
        { "output above lowered limit", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "100", "--max-megapixels", "0.5", "--model", "{model}"], "0.5 MP limit" },
        { "missing output folder", ["upscale", "{dir}/in.png", "-o", "{dir}/no/such/out.png", "--scale", "2", "--model", "{model}"], "does not exist" },
        { "unsupported output format", ["upscale", "{dir}/in.png", "-o", "{dir}/out.gif", "--scale", "2", "--model", "{model}"], "unsupported format" },
        { "both scale and size", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--size", "3x3", "--model", "{model}"], "exactly one" },
        { "checkpoint of another architecture", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{dir}/mismatch.safetensors"], "does not fit" },
        { "truncated checkpoint", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{dir}/truncated.safetensors"], "truncated" },
        { "missing checkpoint", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{dir}/none.pth"], "not found" },
        { "image as checkpoint", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{dir}/in.png"], "in.png" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_one_line_error_and_leaves_no_output(string what, string[] args, string expected)
    {
        File.WriteAllBytes(_dir.File("empty.png"), []);
        File.WriteAllText(_dir.File("text.png"), "hello, I am not a PNG");
        byte[] png = File.ReadAllBytes(_input);
        File.WriteAllBytes(_dir.File("truncated.png"), png[..(png.Length * 2 / 3)]);
        File.WriteAllBytes(_dir.File("huge.png"), TestImages.PngHeaderOnly(100_000, 100_000));
        byte[] model = File.ReadAllBytes(_model);
        File.WriteAllBytes(_dir.File("truncated.safetensors"), model[..(model.Length / 2)]);
        File.Copy(TestModels.SaveTiny(_dir.Path, features: 16, name: "wide.safetensors"), _dir.File("mismatch.safetensors"), overwrite: true);
        PatchSpecFeatures(_dir.File("mismatch.safetensors"));

        string[] resolved = args.Select(a => a.Replace("{dir}", _dir.Path).Replace("{model}", _model)).ToArray();
        CliRunner.Result r = CliRunner.Run(resolved);
        CliRunner.AssertOneLineError(r, expected);
        Assert.True(NoOutputsLeft().Length == 0, $"{what}: left {string.Join(", ", NoOutputsLeft())}");
    }

    [Fact]
    public void Without_model_the_missing_default_is_explained()
    {
        CliRunner.Result r = CliRunner.Run(new Dictionary<string, string> { ["LIIF_DEFAULT_MODEL"] = _dir.File("absent.safetensors") },
            "upscale", _input, "-o", _dir.File("out.png"), "--scale", "2");
        CliRunner.AssertOneLineError(r, "not found");
    }

    /// <summary>Rewrites the spec in a model file's header to claim 8 features while its weights have 16.</summary>
    private static void PatchSpecFeatures(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        string text = System.Text.Encoding.Latin1.GetString(bytes);
        // Same length replacement keeps the header size valid.
        string patched = text.Replace("\\u0022n_feats\\u0022:16", "\\u0022n_feats\\u0022: 8", StringComparison.Ordinal)
            .Replace("\\\"n_feats\\\":16", "\\\"n_feats\\\": 8", StringComparison.Ordinal);
        Assert.NotEqual(text, patched);
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(patched));
    }
}
