namespace Liif.Tests.Cli;

/// <summary>A command that fails leaves no empty output folder behind, not even the parents it created for it.</summary>
[Collection(nameof(CliCollection))]
public sealed class FailedCommandFolderTests(CliFixture files) : IClassFixture<CliFixture>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Compare_with_a_missing_model_creates_no_output_folder()
    {
        string image = _temp.File("small.png");
        ImageFile.Save(TestImages.Gradient(24, 24), image);
        string output = _temp.File("new/cmp");
        CliHarness.Outcome r = CliHarness.Run("compare", image, "--scale", "2", "--models", $"bicubic,{_temp.File("missing.safetensors")}", "-o", output);

        Assert.Equal(1, r.Code);
        Assert.Contains("not found", r.Err);
        Assert.False(Directory.Exists(_temp.File("new")));
    }

    [Fact]
    public void An_upscale_batch_whose_every_image_fails_removes_its_new_out_dir()
    {
        string inputs = _temp.Folder("in");
        File.WriteAllText(Path.Combine(inputs, "broken.png"), "not a png");
        string output = _temp.File("made/up");
        CliHarness.Outcome r = CliHarness.Run("upscale", inputs, "--out-dir", output, "--scale", "2", "--model", files.Model);

        Assert.NotEqual(0, r.Code);
        Assert.False(Directory.Exists(_temp.File("made")), r.ToString());

        // With one good image the folder and its output stay.
        ImageFile.Save(TestImages.Gradient(8, 8), Path.Combine(inputs, "good.png"));
        r = CliHarness.Run("upscale", inputs, "--out-dir", output, "--scale", "2", "--model", files.Model);
        Assert.True(File.Exists(Path.Combine(output, "good.png")), r.ToString());
    }
}
