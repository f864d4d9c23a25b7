using Liif.Benchmarks;

namespace Liif.Tests.Inference;

/// <summary>
/// The drift towards mid-grey at the image border (README, Using it) is the model's, not the decoder's: on flat
/// saturated colours, flat grey and a 1×1 image, where the drift is largest, our fast path gives exactly the 8-bit
/// output of the official <c>query_rgb</c> (the reference path, which reproduces the official code on the parity
/// cases), with the shipped model and with the official parity checkpoint alike.
/// </summary>
public sealed class BorderBehaviourTests
{
    public static TheoryData<string, int, int, int, int, int> Cases => new()
    {
        { "shipped", 32, 0, 200, 0, 128 },
        { "shipped", 32, 0, 255, 0, 128 },
        { "shipped", 32, 128, 128, 128, 128 },
        { "shipped", 1, 10, 200, 30, 1 },
        { "shipped", 1, 10, 200, 30, 4 },
        { "official", 32, 0, 200, 0, 128 },
        { "official", 1, 10, 200, 30, 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_fast_path_gives_the_official_decoding_of_flat_colours_to_the_level(string model, int side, int r, int g, int b, int outSide)
    {
        string? path = model == "shipped" ? TestModels.ShippedDefaultModel()
            : SharedData.Parity is string parity ? Path.Combine(parity, "full.pth") : null;
        if (path is null)
        {
            Assert.Skip(model == "shipped" ? "no shipped default model" : SharedData.MissingMessage);
        }

        using LoadedModel loaded = ModelLoader.Load(path);
        var liif = (LiifModel)loaded.Module;
        var flat = new ImageU8(side, side, 3, [.. Enumerable.Range(0, side * side).SelectMany(_ => new[] { (byte)r, (byte)g, (byte)b })]);
        ImageU8 fast = new TiledLiifUpscaler(liif, CPU, dataNorm: loaded.DataNorm).Upscale(flat, outSide, outSide);
        ImageU8 official = new TiledLiifUpscaler(liif, CPU, tileSize: int.MaxValue, dataNorm: loaded.DataNorm, decoder: ReferenceTileDecoder.For(liif))
            .Upscale(flat, outSide, outSide);

        Assert.Equal(official.Pixels, fast.Pixels);
        if (side > 1)
        {
            // The drift is real and at the border: the corner is further from the input colour than the centre.
            int Distance(int x, int y) => Enumerable.Range(0, 3).Sum(c => Math.Abs(fast.Pixels[(y * outSide + x) * 3 + c] - new[] { r, g, b }[c]));
            Assert.True(Distance(0, 0) > Distance(outSide / 2, outSide / 2), $"corner {Distance(0, 0)} vs centre {Distance(outSide / 2, outSide / 2)} levels");
        }
    }
}
