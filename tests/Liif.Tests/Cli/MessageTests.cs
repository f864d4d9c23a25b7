using System.Text.Json;

namespace Liif.Tests.Cli;

/// <summary>The product's voice: small messages that must read right.</summary>
[Collection(nameof(CliCollection))]
public sealed class MessageTests(CliFixture files) : IClassFixture<CliFixture>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Info_aligns_its_labels_keeps_a_space_after_long_ones_and_writes_plus_signs_as_they_are()
    {
        ModelSpec spec = TestModels.TinySpec();
        using (LiifModel model = (LiifModel)ModelFactory.Make(spec))
        {
            ModelFile.Save(_temp.File("m.safetensors"), spec, model, DataNormalization.Default, new ModelProvenance
            {
                TrainingData = "T91 + BSD200", Device = "cpu (1 thread)", Metrics = new Dictionary<string, double> { ["val PSNR-RGB x4 (Set5 (5 images), epoch 3)"] = 27.131 },
            });
        }

        CliHarness.Outcome text = CliHarness.Run("info", _temp.File("m.safetensors"));
        Assert.Equal(0, text.Code);
        Assert.Contains("data:        T91 + BSD200\n", text.Out.ReplaceLineEndings("\n"));
        Assert.Contains("device:      cpu (1 thread)\n", text.Out.ReplaceLineEndings("\n"));
        Assert.Contains("val PSNR-RGB x4 (Set5 (5 images), epoch 3): 27.131", text.Out);

        CliHarness.Outcome json = CliHarness.Run("info", _temp.File("m.safetensors"), "--json");
        Assert.Contains("\"training_data\": \"T91 + BSD200\"", json.Out);
        Assert.DoesNotContain("\\u002B", json.Out);
    }

    [Fact]
    public void An_infinite_psnr_is_null_in_json_with_a_flag()
    {
        ImageFile.Save(TestImages.Gradient(20, 20), _temp.File("a.png"));
        CliHarness.Outcome json = CliHarness.Run("metrics", _temp.File("a.png"), _temp.File("a.png"), "--scale", "2", "--json");
        Assert.Equal(0, json.Code);
        using JsonDocument doc = JsonDocument.Parse(json.Out);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("psnr").ValueKind);
        Assert.True(doc.RootElement.GetProperty("identical").GetBoolean());
        Assert.DoesNotContain("Infinity", json.Out);

        CliHarness.Outcome text = CliHarness.Run("metrics", _temp.File("a.png"), _temp.File("a.png"), "--scale", "2");
        Assert.Contains("PSNR inf (identical) dB", text.Out);
    }

    [Fact]
    public void Eval_says_how_many_images_it_takes_under_a_limit_and_its_plain_table_has_a_legend()
    {
        string set = _temp.Folder("Set");
        ImageFile.Save(TestImages.Gradient(24, 20), Path.Combine(set, "a.png"));
        ImageFile.Save(TestImages.Gradient(24, 20), Path.Combine(set, "b.png"));
        CliHarness.Outcome r = CliHarness.Run("eval", "--model", "bicubic", "--data", set, "--scales", "2", "--limit", "1");
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("on Set (1 of 2 images) at x2", r.Out);
        string[] lines = r.Out.ReplaceLineEndings("\n").Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("dataset ", StringComparison.Ordinal));
        Assert.Equal("mean PSNR (dB) / SSIM", lines[header - 1]);
    }

    [Fact]
    public void A_tiny_pixel_limit_is_not_called_zero()
    {
        CliHarness.Outcome r = CliHarness.Run("upscale", files.Input, "-o", _temp.File("o.png"), "--scale", "2", "--max-megapixels", "0.0001",
            "--model", "bicubic");
        Assert.Equal(1, r.Code);
        Assert.Contains("(0.000108 MP), above the 0.0001 MP limit", Assert.Single(r.ErrLines));
    }

    [Fact]
    public void Compare_takes_its_folder_as_out_dir_like_upscale_and_keeps_out_and_o()
    {
        string image = _temp.File("p.png");
        ImageFile.Save(TestImages.Gradient(24, 20), image);
        foreach (string flag in new[] { "--out-dir", "--out", "-o" })
        {
            string folder = _temp.File(flag.Trim('-'));
            CliHarness.Outcome r = CliHarness.Run("compare", image, "--scale", "2", "--models", "bicubic", flag, folder, "--crop", "0,0,8,8");
            Assert.True(r.Code == 0, r.ToString());
            Assert.True(File.Exists(Path.Combine(folder, "report.html")));
        }

        // -o names a file in upscale; compare writes a folder, so a file name there is refused rather than made a folder.
        string named = _temp.File("result.png");
        CliHarness.Outcome refused = CliHarness.Run("compare", image, "--scale", "2", "--models", "bicubic", "-o", named);
        Assert.Equal(2, refused.Code);
        Assert.Contains("names an image file, but compare writes a folder", Assert.Single(refused.ErrLines));
        Assert.False(Directory.Exists(named) || File.Exists(named));
    }
}
