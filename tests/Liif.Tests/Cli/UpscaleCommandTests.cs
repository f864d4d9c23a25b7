namespace Liif.Tests.Cli;

/// <summary>
/// <c>liif upscale</c> end to end on tiny inputs, and every kind of bad input (the list in the README), run
/// in-process on files made once for the class.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class UpscaleCommandTests : IClassFixture<UpscaleCommandTests.BadFiles>
{
    private readonly TempFolder _dir;
    private readonly string _model;
    private readonly string _input;

    public UpscaleCommandTests(BadFiles files)
    {
        (_dir, _model, _input) = (files.Folder, files.Model, files.Input);
        foreach (string output in Directory.GetFiles(_dir.Path, "out*"))
        {
            File.Delete(output);
        }
    }

    /// <summary>A tiny model, a 12x9 input, and one file for each kind of bad input.</summary>
    public sealed class BadFiles : IDisposable
    {
        public BadFiles()
        {
            Model = TestModels.SaveTiny(Folder.Path);
            Input = Folder.File("in.png");
            ImageFile.Save(Gradient(12, 9, 3), Input);
            File.WriteAllBytes(Folder.File("empty.png"), []);
            File.WriteAllText(Folder.File("text.png"), "hello, I am not a PNG");
            byte[] png = File.ReadAllBytes(Input);
            File.WriteAllBytes(Folder.File("truncated.png"), png[..(png.Length * 2 / 3)]);
            File.WriteAllBytes(Folder.File("huge.png"), TestImages.PngHeaderOnly(100_000, 100_000));
            byte[] model = File.ReadAllBytes(Model);
            File.WriteAllBytes(Folder.File("truncated.safetensors"), model[..(model.Length / 2)]);
            File.Copy(TestModels.SaveTiny(Folder.Path, features: 16, name: "wide.safetensors"), Folder.File("mismatch.safetensors"), overwrite: true);
            PatchSpecFeatures(Folder.File("mismatch.safetensors"));
        }

        internal TempFolder Folder { get; } = new();

        public string Model { get; }

        public string Input { get; }

        public void Dispose() => Folder.Dispose();
    }

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
        CliHarness.Outcome r = CliHarness.Run("upscale", _input, "-o", _dir.File("a.png"), "--scale", "3.7", "--model", _model, "--overwrite");
        Assert.True(r.Code == 0, r.ToString());
        ImageU8 a = ImageFile.Load(_dir.File("a.png"));
        Assert.Equal((44, 33), (a.Width, a.Height));   // round(12·3.7), round(9·3.7)

        r = CliHarness.Run("upscale", _input, "-o", _dir.File("b.webp"), "--size", "50x20", "--model", _model, "--max-queries", "64", "--overwrite");
        Assert.True(r.Code == 0, r.ToString());
        ImageU8 b = ImageFile.Load(_dir.File("b.webp"));
        Assert.Equal((50, 20), (b.Width, b.Height));

        r = CliHarness.Run("upscale", _input, "-o", _dir.File("c.jpg"), "--scale", "2x3", "--model", _model, "--overwrite");
        Assert.True(r.Code == 0, r.ToString());
        ImageU8 c = ImageFile.Load(_dir.File("c.jpg"));
        Assert.Equal((24, 27), (c.Width, c.Height));
    }

    [Fact]
    public void Alpha_is_kept_and_gray_stays_gray()
    {
        ImageFile.Save(Gradient(6, 5, 4), _dir.File("rgba.png"));
        CliHarness.Outcome r = CliHarness.Run("upscale", _dir.File("rgba.png"), "-o", _dir.File("rgba_x2.png"), "--scale", "2", "--model", _model, "--overwrite");
        Assert.True(r.Code == 0, r.ToString());
        ImageU8 up = ImageFile.Load(_dir.File("rgba_x2.png"));
        Assert.Equal((12, 10, 4), (up.Width, up.Height, up.Channels));

        ImageFile.Save(Gradient(6, 5, 1), _dir.File("gray.png"));
        r = CliHarness.Run("upscale", _dir.File("gray.png"), "-o", _dir.File("gray_x2.png"), "--scale", "2", "--model", _model, "--overwrite");
        Assert.True(r.Code == 0, r.ToString());
        ImageU8 gray = ImageFile.Load(_dir.File("gray_x2.png"));
        Assert.Equal((12, 10, 1), (gray.Width, gray.Height, gray.Channels));
    }

    [Fact]
    public void A_folder_is_a_batch_and_bad_images_are_reported_one_line_each()
    {
        using var temp = new TempFolder();
        string inDir = temp.Folder("batch");
        string outDir = temp.Folder("batch_out");
        ImageFile.Save(Gradient(5, 4, 3), Path.Combine(inDir, "one.png"));
        ImageFile.Save(Gradient(4, 6, 3), Path.Combine(inDir, "two.jpg"));
        File.WriteAllText(Path.Combine(inDir, "three.png"), "not an image");

        CliHarness.Outcome r = CliHarness.Run("upscale", inDir, "--out-dir", outDir, "--scale", "2", "--model", _model);
        Assert.Equal(1, r.Code);
        Assert.Equal(2, r.ErrLines.Length);   // the bad image, then the count
        Assert.Contains("three.png", r.ErrLines[0]);
        Assert.Equal(new[] { "one.png", "two.jpg" }, Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToArray());
    }

    /// <summary>Every bad input, with (part of) its one-line message and its exit code; the README lists the same.</summary>
    public static TheoryData<string, string[], string, int> BadInputs() => new()
    {
        { "missing image", ["upscale", "{dir}/nope.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "not found", 1 },
        { "empty image", ["upscale", "{dir}/empty.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "empty", 1 },
        { "non-image file", ["upscale", "{dir}/text.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "not an image (PNG, JPEG, WebP, BMP or GIF)", 1 },
        { "truncated image", ["upscale", "{dir}/truncated.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "truncated", 1 },
        { "huge header", ["upscale", "{dir}/huge.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "limit", 1 },
        { "zero scale", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "0", "--model", "{model}"], "positive", 2 },
        { "negative scale", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "-3", "--model", "{model}"], "positive", 2 },
        { "NaN scale", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "NaN", "--model", "{model}"], "not a number", 2 },
        { "infinite scale", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "Infinity", "--model", "{model}"], "positive finite", 2 },
        { "zero size", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--size", "0x10", "--model", "{model}"], "at least 1", 2 },
        { "output above pixel limit", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--size", "30000x20000", "--model", "{model}"], "400 MP limit", 1 },
        { "output above lowered limit", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "100", "--max-megapixels", "0.5", "--model", "{model}"], "0.5 MP limit", 1 },
        { "bad option value", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--tile-size", "8", "--model", "{model}"], "bad --tile-size '8'", 2 },
        { "unknown option", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--tile", "256", "--model", "{model}"], "unknown option '--tile'", 2 },
        { "real-esrgan's -i", ["upscale", "-i", "{dir}/in.png", "-o", "{dir}/out.png", "-s", "4", "--model", "{model}"], "unknown option '-i': give the input files without a flag", 2 },
        { "unknown device", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--device", "tpu", "--model", "{model}"], "bad device 'tpu' (use cpu, cuda, cuda:N or auto)", 2 },
        { "missing output folder", ["upscale", "{dir}/in.png", "-o", "{dir}/no/such/out.png", "--scale", "2", "--model", "{model}"], "does not exist", 1 },
        { "unwritable output folder", ["upscale", "{dir}/in.png", "-o", "/proc/out.png", "--scale", "2", "--model", "{model}"], "cannot write to output folder", 1 },
        { "output that is the input", ["upscale", "{dir}/in.png", "-o", "{dir}/in.png", "--scale", "2", "--model", "{model}"], "is an input", 2 },
        { "unsupported output format", ["upscale", "{dir}/in.png", "-o", "{dir}/out.gif", "--scale", "2", "--model", "{model}"], "unsupported format", 2 },
        { "both scale and size", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--size", "3x3", "--model", "{model}"], "exactly one", 2 },
        { "checkpoint of another architecture", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{dir}/mismatch.safetensors"], "does not fit", 1 },
        { "truncated checkpoint", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{dir}/truncated.safetensors"], "truncated", 1 },
        { "missing checkpoint", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{dir}/none.pth"], "not found", 1 },
        { "image as checkpoint", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "{dir}/in.png"], "in.png", 1 },
        // A device as an input is refused before it is opened: /dev/zero was read until memory ran out.
        { "device as image", ["upscale", "/dev/zero", "-o", "{dir}/out.png", "--scale", "2", "--model", "{model}"], "cannot read '/dev/zero': it is a device, pipe or socket, not a file", 1 },
        { "device as checkpoint", ["upscale", "{dir}/in.png", "-o", "{dir}/out.png", "--scale", "2", "--model", "/dev/zero"], "cannot read '/dev/zero': it is a device, pipe or socket", 1 },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_one_line_error_and_leaves_no_output(string what, string[] args, string expected, int code)
    {
        string[] before = Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories);
        string[] resolved = args.Select(a => a.Replace("{dir}", _dir.Path).Replace("{model}", _model)).ToArray();
        CliHarness.Outcome r = CliHarness.Run(resolved);
        Assert.True(r.Code == code, $"{what}: {r}");
        string line = Assert.Single(r.ErrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.True(NoOutputsLeft().Length == 0, $"{what}: left {string.Join(", ", NoOutputsLeft())}");
        Assert.Equal(before, Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Without_model_the_missing_default_is_explained()
    {
        CliRunner.Result r = CliRunner.Run(new Dictionary<string, string> { ["LIIF_DEFAULT_MODEL"] = _dir.File("absent.safetensors") },
            "upscale", _input, "-o", _dir.File("out.png"), "--scale", "2");
        CliRunner.AssertOneLineError(r, "not found");
    }

    /// <summary>Rewrites the spec in a model file's header to claim 8 features while its weights have 16.</summary>
    internal static void PatchSpecFeatures(string path)
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
