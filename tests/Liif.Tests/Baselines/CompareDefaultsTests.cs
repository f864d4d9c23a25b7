using System.Buffers.Binary;
using Liif.Comparison;
using Liif.Tests.Cli;

namespace Liif.Tests.Baselines;

/// <summary>
/// <c>liif compare</c> with its defaults: methods that can make the scale, the crop where LIIF differs most from
/// bicubic, the best method marked in the report, an RGB mosaic.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class CompareDefaultsTests(CliFixture files) : IClassFixture<CliFixture>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void At_x3_the_default_methods_leave_out_the_x4_baselines_with_a_note()
    {
        Assert.NotNull(DefaultModelsOrSkip());
        string image = _temp.File("small.png");
        ImageFile.Save(BaselineTestData.Pattern(36, 30), image);
        CliHarness.Outcome r = CliHarness.Run("compare", image, "--scale", "3", "-o", _temp.File("cmp"), "--crop", "0,0,12,12");

        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("note: leaving out srcnn: srcnn_x4.safetensors is a x4 model, and the comparison is at x3", r.Err);
        Assert.Contains("note: leaving out srgan: srgan_x4.safetensors is a x4 model, and the comparison is at x3", r.Err);
        string line = Assert.Single(r.Out.Split('\n'), l => l.Contains("small_x3.png", StringComparison.Ordinal));
        Assert.Contains("Bicubic", line);
        Assert.Contains("LIIF", line);
        Assert.DoesNotContain("SRCNN", line);
        Assert.True(File.Exists(_temp.File("cmp/report.html")));
    }

    [Fact]
    public void The_automatic_crop_is_where_liif_differs_most_from_bicubic_not_where_another_method_fails()
    {
        ImageU8 bicubic = BaselineTestData.Pattern(96, 80);
        ImageU8 liif = Changed(bicubic, 60, 50, 8);       // LIIF departs from bicubic here
        ImageU8 broken = Changed(bicubic, 12, 12, 120);   // another method's large artefact elsewhere
        CropRect crop = CropChooser.WhereDiffer(liif, bicubic, 24, 4);
        Assert.True(crop.X <= 60 && crop.X + 24 >= 76 && crop.Y <= 54 && crop.Y + 24 >= 66, $"crop {crop}");
        Assert.False(crop.X <= 12 + 16 && crop.Y <= 12 + 16, $"crop {crop}");
        // The rule for comparisons without that pair (errors varying most across methods) goes to the artefact.
        CropRect artefact = CropChooser.MostDifferent(bicubic, [bicubic, liif, broken], 24, 4);
        Assert.True(artefact.X <= 12 && artefact.Y <= 12, $"crop {artefact}");

        // Comparer applies it whenever LIIF and bicubic are both compared.
        IReadOnlyList<ComparisonMethod> methods =
        [
            new ComparisonMethod("Bicubic", new BicubicUpscaler(), null),
            new ComparisonMethod("LIIF", UpscalerFactory.Open(files.Model, CPU), null),
        ];
        ComparisonImage c = Comparer.Run("p", BaselineTestData.Pattern(64, 48), 2, methods);
        Assert.Equal("where LIIF differs most from Bicubic", c.CropChoice);
        Assert.Equal(CropChooser.WhereDiffer(c.Entries[1].Output, c.Entries[0].Output,
            CropChooser.DefaultSide(64, 48), CropChooser.DefaultBorder(64, 48, 2)), c.Crop);
    }

    [Fact]
    public void The_report_marks_the_best_method_of_each_image_and_the_mosaic_is_rgb()
    {
        IReadOnlyList<ComparisonMethod> methods =
        [
            new ComparisonMethod("Bicubic", new BicubicUpscaler(), null),
            new ComparisonMethod("LIIF", UpscalerFactory.Open(files.Model, CPU), null),
        ];
        ComparisonImage c = Comparer.Run("p", BaselineTestData.Pattern(40, 32), 2, methods, new CropRect(0, 0, 16, 16));
        byte[] png = MosaicRenderer.RenderPng(c);
        Assert.Equal(2, png[25]);   // IHDR colour type 2: RGB, no alpha channel
        Assert.Equal(3, ImageFile.Decode(png, "mosaic.png").Image.Channels);

        string html = HtmlReport.Render("t", methods, [(c, png)], null);
        ComparisonEntry best = c.Entries.MaxBy(e => e.Psnr)!;
        ComparisonEntry other = c.Entries.Single(e => e != best);
        Assert.Contains($"<tr><td>{best.Label} <span class=\"best\">(best)</span></td><td class=\"best\"><b>{best.Psnr:F2}</b></td>", html);
        Assert.Contains($"<tr><td>{other.Label}</td><td>{other.Psnr:F2}</td>", html);
        Assert.Equal(0x49484452u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(12)));   // "IHDR", so byte 25 is its colour type
    }

    private static ImageU8 Changed(ImageU8 image, int x0, int y0, int amount)
    {
        var copy = new ImageU8(image.Width, image.Height, 3, (byte[])image.Pixels.Clone());
        for (int y = y0; y < y0 + 16; y++)
        {
            for (int x = x0; x < x0 + 16; x++)
            {
                int i = (y * image.Width + x) * 3;
                copy.Pixels[i + 1] = (byte)Math.Clamp(copy.Pixels[i + 1] + amount, 0, 255);
            }
        }

        return copy;
    }

    private static string? DefaultModelsOrSkip()
    {
        string? liif = TestModels.ShippedDefaultModel();
        if (liif is null || !File.Exists(Path.Combine(Path.GetDirectoryName(liif)!, "srcnn_x4.safetensors")))
        {
            Assert.Skip("the shipped models/ are not beside this checkout");
        }

        return liif;
    }
}
