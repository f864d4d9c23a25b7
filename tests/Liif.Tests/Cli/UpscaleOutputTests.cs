namespace Liif.Tests.Cli;

/// <summary>
/// <c>liif upscale</c> never loses a user's file: outputs are planned and checked before any work (no output is an
/// input, no two inputs share one, existing outputs are skipped unless --overwrite, the folder is writable), unknown
/// options are refused, and batches choose their output format. End to end on real files, in-process.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class UpscaleOutputTests(CliFixture files) : IClassFixture<CliFixture>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private CliHarness.Outcome Upscale(params string[] args) =>
        CliHarness.Run(["upscale", "--model", files.Model, .. args]);

    private string Image(string relative, int width = 12, int height = 9, int seed = 1)
    {
        string path = _temp.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ImageFile.Save(TestImages.Noise(width, height, 3, seed), path);
        return path;
    }

    /// <summary>Every file under the temporary folder with its bytes, to prove that nothing changed.</summary>
    private Dictionary<string, byte[]> Snapshot() => Directory.GetFiles(_temp.Path, "*", SearchOption.AllDirectories)
        .ToDictionary(f => f, File.ReadAllBytes);

    private static void AssertUnchanged(Dictionary<string, byte[]> before, Dictionary<string, byte[]> after)
    {
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, kv => Assert.Equal(kv.Value, after[kv.Key]));
    }

    [Fact]
    public void An_output_naming_the_input_is_refused_even_with_overwrite()
    {
        string input = Image("in.png");
        var before = Snapshot();
        foreach (string[] extra in new[] { Array.Empty<string>(), ["--overwrite"] })
        {
            CliHarness.Outcome r = Upscale([input, "-o", input, "--scale", "2", .. extra]);
            Assert.Equal(2, r.Code);
            Assert.Contains($"'{input}' is an input", Assert.Single(r.ErrLines));
        }

        AssertUnchanged(before, Snapshot());
    }

    [Fact]
    public void The_input_folder_as_out_dir_is_refused_and_works_with_a_suffix()
    {
        string folder = Path.GetDirectoryName(Image("shots/a.png"))!;
        Image("shots/b.png", seed: 2);
        var before = Snapshot();
        CliHarness.Outcome refused = Upscale(folder, "--out-dir", folder, "--scale", "2", "--overwrite");
        Assert.Equal(2, refused.Code);
        Assert.Contains("is an input", Assert.Single(refused.ErrLines));
        Assert.Contains("--suffix", refused.Err);
        AssertUnchanged(before, Snapshot());

        CliHarness.Outcome r = Upscale(folder, "--out-dir", folder, "--suffix", "_x2", "--scale", "2");
        Assert.True(r.Code == 0, r.ToString());
        Assert.Equal(["a.png", "a_x2.png", "b.png", "b_x2.png"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal((24, 18), (ImageFile.Load(Path.Combine(folder, "a_x2.png")).Width, ImageFile.Load(Path.Combine(folder, "a_x2.png")).Height));
        Assert.All(before, kv => Assert.Equal(kv.Value, File.ReadAllBytes(kv.Key)));
    }

    [Fact]
    public void An_output_reached_through_a_linked_folder_is_still_recognised_as_the_input()
    {
        string input = Image("real/x.png");
        using var links = new TempFolder();
        string link = links.File("link");
        Directory.CreateSymbolicLink(link, Path.GetDirectoryName(input)!);
        string outer = links.File("outer");
        Directory.CreateSymbolicLink(outer, _temp.Path);   // a link above the input's folder
        var before = Snapshot();
        foreach (string[] args in new[]
        {
            new[] { Path.GetDirectoryName(input)!, "--out-dir", link, "--overwrite" },
            [input, "-o", Path.Combine(link, "x.png"), "--overwrite"],
            [input, "-o", Path.Combine(outer, "real", "x.png"), "--overwrite"],
        })
        {
            CliHarness.Outcome r = Upscale([.. args, "--scale", "2"]);
            Assert.Equal(2, r.Code);
            Assert.Contains("is an input", Assert.Single(r.ErrLines));
        }

        AssertUnchanged(before, Snapshot());
    }

    [Fact]
    public void Two_inputs_with_one_name_into_one_folder_are_refused_before_any_work()
    {
        string a = Image("a/x.png"), b = Image("b/x.png", seed: 2);
        string outDir = _temp.File("out");
        CliHarness.Outcome r = Upscale(a, b, "--out-dir", outDir, "--scale", "2");
        Assert.Equal(2, r.Code);
        Assert.Equal($"error: {a} and {b} would both be written to '{Path.Combine(outDir, "x.png")}' (upscale them into separate folders)",
            Assert.Single(r.ErrLines));
        Assert.Equal("", r.Out);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void An_existing_output_is_skipped_with_a_note_unless_overwrite()
    {
        string input = Image("in.png"), output = _temp.File("out.png");
        File.WriteAllText(output, "an earlier result");
        CliHarness.Outcome skipped = Upscale(input, "-o", output, "--scale", "2");
        Assert.Equal(0, skipped.Code);
        Assert.Equal($"note: skipped {input}: '{output}' exists (pass --overwrite to replace it)", Assert.Single(skipped.ErrLines));
        Assert.Equal("an earlier result", File.ReadAllText(output));

        CliHarness.Outcome replaced = Upscale(input, "-o", output, "--scale", "2", "--overwrite");
        Assert.Equal(0, replaced.Code);
        Assert.Equal(24, ImageFile.Load(output).Width);

        // In a batch, the existing one is skipped and the others are made.
        string folder = Path.GetDirectoryName(Image("batch/one.png"))!;
        Image("batch/two.png", seed: 3);
        string outDir = Directory.CreateDirectory(_temp.File("batch_out")).FullName;
        File.WriteAllText(Path.Combine(outDir, "one.png"), "keep me");
        CliHarness.Outcome batch = Upscale(folder, "--out-dir", outDir, "--scale", "2");
        Assert.Equal(0, batch.Code);
        Assert.Contains("skipped", Assert.Single(batch.ErrLines));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(outDir, "one.png")));
        Assert.Equal(24, ImageFile.Load(Path.Combine(outDir, "two.png")).Width);
    }

    [Theory]
    [InlineData("{in} --out-dir {out} --tile 256 --scale 2", "unknown option '--tile'")]
    [InlineData("-i {in} -o {out}/x.png -s 4", "unknown option '-i': give the input files without a flag")]
    [InlineData("{in} -o {out}/x.png --scale 2 -q 90", "unknown option '-q'")]
    public void An_unknown_option_is_a_usage_error_naming_it_and_nothing_is_written(string commandLine, string expected)
    {
        string input = Image("in.png");
        string outDir = _temp.File("out");
        string[] args = commandLine.Replace("{in}", input).Replace("{out}", outDir).Split(' ');
        CliHarness.Outcome r = Upscale(args);
        Assert.Equal(2, r.Code);
        Assert.StartsWith($"error: {expected}", Assert.Single(r.ErrLines));
        Assert.False(Directory.Exists(outDir));
        Assert.Equal(["in.png"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Compare_refuses_an_unknown_option_too_and_a_dash_name_after_double_dash_is_a_file()
    {
        CliHarness.Outcome compare = CliHarness.Run("compare", files.Input, "--tile", "3", "--out-dir", _temp.File("cmp"));
        Assert.Equal(2, compare.Code);
        Assert.StartsWith("error: unknown option '--tile'", Assert.Single(compare.ErrLines));
        Assert.False(Directory.Exists(_temp.File("cmp")));

        // After --, a name that starts with a dash is a file (here a missing one), not an option.
        CliHarness.Outcome r = Upscale("-o", _temp.File("odd_x2.png"), "--scale", "2", "--", "-odd.png");
        Assert.Equal(1, r.Code);
        Assert.Equal("error: '-odd.png' not found", Assert.Single(r.ErrLines));
    }

    [Fact]
    public void A_bmp_batch_becomes_png_by_default_and_format_and_quality_choose_otherwise()
    {
        string folder = Directory.CreateDirectory(_temp.File("bmps")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "a.bmp"), TestImages.Bmp24(TestImages.Noise(6, 4, 3, seed: 4)));
        File.WriteAllBytes(Path.Combine(folder, "b.bmp"), TestImages.Bmp24(TestImages.Noise(5, 5, 3, seed: 5)));
        string missing = _temp.File("made/by/upscale");

        CliHarness.Outcome png = Upscale(folder, "--out-dir", missing, "--scale", "2");
        Assert.True(png.Code == 0, png.ToString());
        Assert.Equal(["a.png", "b.png"], Directory.GetFiles(missing).Select(Path.GetFileName).Order());

        CliHarness.Outcome jpg = Upscale(folder, "-o", _temp.File("jpgs") + "/", "--format", "jpg", "--quality", "40", "--scale", "2");
        Assert.True(jpg.Code == 0, jpg.ToString());
        CliHarness.Outcome jpgBest = Upscale(folder, "-o", _temp.File("jpgs_best") + "/", "--format", "jpeg", "--quality", "100", "--scale", "2");
        Assert.True(jpgBest.Code == 0, jpgBest.ToString());
        Assert.True(new FileInfo(_temp.File("jpgs/a.jpg")).Length < new FileInfo(_temp.File("jpgs_best/a.jpg")).Length);

        CliHarness.Outcome webp = Upscale(folder, "--out-dir", _temp.File("webps"), "--format", "webp", "--scale", "2");
        Assert.True(webp.Code == 0, webp.ToString());
        Assert.Equal(["a.webp", "b.webp"], Directory.GetFiles(_temp.File("webps")).Select(Path.GetFileName).Order());

        CliHarness.Outcome bad = Upscale(folder, "--out-dir", _temp.File("x"), "--format", "tiff", "--scale", "2");
        Assert.Equal(2, bad.Code);
        Assert.Contains("bad --format 'tiff' (use png, jpg or webp)", Assert.Single(bad.ErrLines));
        CliHarness.Outcome fileAndFormat = Upscale(files.Input, "-o", _temp.File("one.png"), "--format", "jpg", "--scale", "2");
        Assert.Equal(2, fileAndFormat.Code);
        Assert.Contains("--format", Assert.Single(fileAndFormat.ErrLines));
        CliHarness.Outcome quality = Upscale(files.Input, "-o", _temp.File("one.jpg"), "--quality", "101", "--scale", "2");
        Assert.Equal(2, quality.Code);
        Assert.Contains("bad --quality '101' (a whole number from 1 to 100)", Assert.Single(quality.ErrLines));
    }

    [Fact]
    public void Minus_o_names_a_folder_for_a_batch_or_with_a_trailing_slash()
    {
        string folder = Path.GetDirectoryName(Image("in/a.png"))!;
        Image("in/b.png", seed: 2);
        CliHarness.Outcome batch = Upscale(folder, "-o", _temp.File("results"), "--scale", "2");
        Assert.True(batch.Code == 0, batch.ToString());
        Assert.Equal(["a.png", "b.png"], Directory.GetFiles(_temp.File("results")).Select(Path.GetFileName).Order());

        CliHarness.Outcome one = Upscale(files.Input, "-o", _temp.File("single") + "/", "--scale", "2");
        Assert.True(one.Code == 0, one.ToString());
        Assert.True(File.Exists(_temp.File("single/in.png")));

        CliHarness.Outcome fileForMany = Upscale(folder, "-o", _temp.File("many.png"), "--scale", "2");
        Assert.Equal(2, fileForMany.Code);
        Assert.Contains("names one file, but the inputs are a batch (2 images)", Assert.Single(fileForMany.ErrLines));

        string solo = Path.GetDirectoryName(Image("solo/only.png"))!;
        CliHarness.Outcome folderOfOne = Upscale(solo, "-o", _temp.File("one.png"), "--scale", "2");
        Assert.Equal(2, folderOfOne.Code);
        Assert.Contains("the inputs are a batch (1 image)", Assert.Single(folderOfOne.ErrLines));
    }

    [Fact]
    public void An_unwritable_output_folder_fails_before_the_model_is_even_opened()
    {
        // /proc takes no new files, even from root; the missing model would be the first error if the folder were
        // checked after the work.
        CliHarness.Outcome r = CliHarness.Run("upscale", files.Input, "-o", "/proc/out.png", "--scale", "2", "--model", _temp.File("missing.pth"));
        Assert.Equal(1, r.Code);
        Assert.StartsWith("error: cannot write to output folder '/proc'", Assert.Single(r.ErrLines));

        File.WriteAllText(_temp.File("a-file"), "");
        CliHarness.Outcome under = CliHarness.Run("upscale", files.Input, "--out-dir", _temp.File("a-file/sub"), "--scale", "2", "--model", _temp.File("missing.pth"));
        Assert.Equal(1, under.Code);
        Assert.StartsWith("error: cannot create output folder", Assert.Single(under.ErrLines));
    }

    [Fact]
    public void Photos_are_upscaled_upright_in_their_profile_with_warnings_for_what_is_lost()
    {
        File.WriteAllBytes(_temp.File("phone.jpg"), TestPhotos.SidewaysJpeg(16, 8));
        CliHarness.Outcome upright = CliHarness.Run("upscale", _temp.File("phone.jpg"), "-o", _temp.File("phone_x2.png"), "--scale", "2", "--model", "bicubic");
        Assert.True(upright.Code == 0, upright.ToString());
        ImageU8 phone = ImageFile.Load(_temp.File("phone_x2.png"));
        Assert.Equal((16, 32), (phone.Width, phone.Height));
        Assert.True(phone[8, 4, 0] < 20 && phone[8, 28, 0] > 235);

        ImageFile.Save(PhotoReadingTests.Flat(10, 8, 255, 0, 0), _temp.File("p3.png"), profile: TestPhotos.DisplayP3);
        CliHarness.Outcome wide = CliHarness.Run("upscale", _temp.File("p3.png"), "-o", _temp.File("p3_x2.png"), "--scale", "2", "--model", "bicubic");
        Assert.True(wide.Code == 0, wide.ToString());
        DecodedImage kept = ImageFile.Read(_temp.File("p3_x2.png"));
        PhotoReadingTests.AssertSameGamut(TestPhotos.DisplayP3, kept.Profile);
        Assert.Equal(PhotoReadingTests.Flat(20, 16, 255, 0, 0).Pixels, kept.Image.Pixels);

        ImageFile.Save(TestImages.Noise(6, 5, 4, seed: 6), _temp.File("rgba.png"));
        CliHarness.Outcome jpeg = Upscale(_temp.File("rgba.png"), "-o", _temp.File("rgba.jpg"), "--scale", "2");
        Assert.Equal(0, jpeg.Code);
        Assert.Contains("has transparency, which JPEG cannot store", Assert.Single(jpeg.ErrLines));
        Assert.Equal(3, ImageFile.Load(_temp.File("rgba.jpg")).Channels);

        byte[] first = Enumerable.Range(0, 8 * 6).Select(i => (byte)(i * 5)).ToArray();
        File.WriteAllBytes(_temp.File("anim.gif"), TestPhotos.Gif(8, 6, first, first.Reverse().ToArray()));
        CliHarness.Outcome gif = Upscale(_temp.File("anim.gif"), "-o", _temp.File("anim.png"), "--scale", "2");
        Assert.Equal(0, gif.Code);
        Assert.Equal($"warning: {_temp.File("anim.gif")} is animated (2 frames): only its first frame is upscaled", Assert.Single(gif.ErrLines));
        Assert.Equal((16, 12), (ImageFile.Load(_temp.File("anim.png")).Width, ImageFile.Load(_temp.File("anim.png")).Height));
    }
}
