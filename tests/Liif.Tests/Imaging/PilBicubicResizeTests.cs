using System.Text.Json;

namespace Liif.Tests.Imaging;

public class PilBicubicResizeTests(ITestOutputHelper output)
{
    public static IEnumerable<(string Manifest, string Source, int Width, int Height, string Expected)> Cases()
    {
        var folders = new List<string>();
        if (SharedData.Parity is { } parity)
        {
            folders.Add(parity);
        }
        if (Environment.GetEnvironmentVariable("LIIF_PARITY_DIR") is { Length: > 0 } extra)
        {
            folders.Add(extra);
        }
        foreach (string folder in folders)
        {
            string manifest = Path.Combine(folder, "cases.json");
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            if (!doc.RootElement.TryGetProperty("resize_cases", out JsonElement cases))
            {
                continue;
            }
            foreach (JsonElement c in cases.EnumerateArray())
            {
                yield return (manifest,
                    Path.Combine(folder, c.GetProperty("source").GetString()!),
                    c.GetProperty("width").GetInt32(),
                    c.GetProperty("height").GetInt32(),
                    Path.Combine(folder, c.GetProperty("expected").GetString()!));
            }
        }
    }

    [Fact]
    public void Reproduces_pillow_goldens_from_parity_manifest()
    {
        if (SharedData.Parity is null && Environment.GetEnvironmentVariable("LIIF_PARITY_DIR") is null or "")
        {
            Assert.Skip(SharedData.MissingMessage);
        }
        int count = 0;
        int worst = 0;
        foreach (var (manifest, source, width, height, expected) in Cases())
        {
            ImageU8 src = ImageFile.Load(source);
            ImageU8 want = ImageFile.Load(expected);
            ImageU8 got = PilBicubicResize.Resize(src, width, height);
            var diff = ImageDiff.Of(got, want);
            output.WriteLine($"{Path.GetFileName(source)} {src.Width}x{src.Height} -> {width}x{height}: {diff} [{manifest}]");
            worst = Math.Max(worst, diff.Max);
            count++;
        }
        output.WriteLine($"{count} cases, worst max |diff| {worst}");
        Assert.True(count > 0, "the manifest lists no resize_cases");
        Assert.True(worst == 0, $"max |diff| {worst}; the goldens must be reproduced bit for bit");
    }

    [Fact]
    public void Same_size_is_a_copy()
    {
        var src = TestImages.Noise(17, 9, 3, seed: 1);
        ImageU8 got = PilBicubicResize.Resize(src, 17, 9);
        Assert.NotSame(src.Pixels, got.Pixels);
        Assert.Equal(src.Pixels, got.Pixels);
    }

    [Fact]
    public void Constant_image_stays_constant_up_and_down()
    {
        var src = new ImageU8(13, 7, 1, Enumerable.Repeat((byte)200, 13 * 7).ToArray());
        foreach (var (w, h) in new[] { (40, 3), (5, 22), (1, 1), (13, 2) })
        {
            ImageU8 got = PilBicubicResize.Resize(src, w, h);
            Assert.Equal((w, h, 1), (got.Width, got.Height, got.Channels));
            Assert.All(got.Pixels, v => Assert.Equal(200, v));
        }
    }

}
