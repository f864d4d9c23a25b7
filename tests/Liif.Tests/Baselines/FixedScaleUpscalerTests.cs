namespace Liif.Tests.Baselines;

/// <summary>FixedScaleUpscaler: only its own scale, exact sizes, tiling equal to a whole pass, opened from model files.</summary>
public sealed class FixedScaleUpscalerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void RefusesAnySizeThatIsNotItsScaleWithOneLine()
    {
        string path = BaselineTestData.SaveModel(_temp, "srgan.safetensors", BaselineTestData.TinySrResNetSpec(4), "SRGAN (MSE content loss)");
        IUpscaler upscaler = UpscalerFactory.Open(path, CPU);
        ImageU8 lr = BaselineTestData.Pattern(30, 20);
        var e = Assert.Throws<LiifException>(() => upscaler.Upscale(lr, 100, 80));
        Assert.Equal("srgan is a x4 model: it cannot make 100x80 from 30x20 (x3.33 by x4); use a LIIF model for arbitrary scales", e.Message);
        var uniform = Assert.Throws<LiifException>(() => upscaler.Upscale(lr, 60, 40));
        Assert.Contains("(x2)", uniform.Message);
        Assert.DoesNotContain('\n', uniform.Message);
    }

    [Fact]
    public void MakesExactlyScaleTimesTheInputAndIsNamedByItsProvenance()
    {
        string srgan = BaselineTestData.SaveModel(_temp, "g.safetensors", BaselineTestData.TinySrResNetSpec(2), "SRGAN (MSE content loss)");
        string srcnn = BaselineTestData.SaveModel(_temp, "c.safetensors", BaselineTestData.SrcnnSpec(3));
        var g = Assert.IsType<FixedScaleUpscaler>(UpscalerFactory.Open(srgan, CPU));
        var c = Assert.IsType<FixedScaleUpscaler>(UpscalerFactory.Open(srcnn, CPU));
        Assert.Equal(("SRGAN (MSE content loss) x2", "srgan"), (g.Name, g.ShortName));
        Assert.Equal(("SRCNN x3", "srcnn"), (c.Name, c.ShortName));
        ImageU8 lr = BaselineTestData.Pattern(13, 9);
        ImageU8 a = g.Upscale(lr, 26, 18);
        ImageU8 b = c.Upscale(lr, 39, 27);
        Assert.Equal((26, 18, 3), (a.Width, a.Height, a.Channels));
        Assert.Equal((39, 27, 3), (b.Width, b.Height, b.Channels));
    }

    [Theory]
    [InlineData("srresnet", 7)]
    [InlineData("srcnn", 16)]
    public void TilesGiveTheSameImageAsOnePass(string kind, int tile)
    {
        manual_seed(11);
        using FixedScaleNetwork network = kind == "srcnn" ? new Srcnn(2) : new SrResNet(2, resBlocks: 2, features: 8);
        // Non-trivial batch-norm statistics, so that eval mode matters.
        network.train();
        using (no_grad())
        {
            for (int i = 0; i < 3; i++)
            {
                using Tensor warm = network.call(rand(2, 3, 12, 12).mul(2).sub(1).add(i * 0.1));
            }
        }

        ImageU8 lr = BaselineTestData.Pattern(37, 29);
        var whole = new FixedScaleUpscaler(network, CPU, "whole", tileSide: 1000);
        ImageU8 expected = whole.Upscale(lr, 74, 58);
        var tiled = new FixedScaleUpscaler(network, CPU, "tiled", tileSide: tile);
        ImageU8 actual = tiled.Upscale(lr, 74, 58);
        int differing = expected.Pixels.Zip(actual.Pixels).Count(p => Math.Abs(p.First - p.Second) > 1);
        Assert.Equal(0, differing);
    }

    [Fact]
    public void SrcnnSeesThePilBicubicUpscale()
    {
        // An SRCNN set to the identity (conv1 splits each channel into its positive and negative parts, conv2 passes
        // them on, conv3 subtracts them) returns its input: the output must be the bicubic upscaler's.
        using var srcnn = new Srcnn(2);
        using (no_grad())
        {
            var convs = srcnn.modules().OfType<TorchSharp.Modules.Conv2d>().ToArray();
            foreach (var p in srcnn.parameters())
            {
                p.zero_();
            }

            for (int k = 0; k < 3; k++)
            {
                convs[0].weight![k, k, 4, 4] = tensor(1f);
                convs[0].weight![3 + k, k, 4, 4] = tensor(-1f);
                convs[1].weight![k, k, 0, 0] = tensor(1f);
                convs[1].weight![3 + k, 3 + k, 0, 0] = tensor(1f);
                convs[2].weight![k, k, 2, 2] = tensor(1f);
                convs[2].weight![k, 3 + k, 2, 2] = tensor(-1f);
            }
        }

        ImageU8 lr = BaselineTestData.Pattern(11, 7);
        ImageU8 result = new FixedScaleUpscaler(srcnn, CPU, "srcnn").Upscale(lr, 22, 14);
        ImageU8 bicubic = new BicubicUpscaler().Upscale(lr, 22, 14);
        Assert.True(result.Pixels.Zip(bicubic.Pixels).All(p => Math.Abs(p.First - p.Second) <= 1));
    }

    [Fact]
    public void ALoadedModelIsInEvalModeAndItsFileRoundTrips()
    {
        string path = BaselineTestData.SaveModel(_temp, "r.safetensors", BaselineTestData.TinySrResNetSpec(2), "SRResNet");
        using LoadedModel loaded = ModelLoader.Load(path);
        Assert.IsType<SrResNet>(loaded.Module);
        Assert.False(loaded.Module.training);
        Assert.Equal("SRResNet", loaded.Provenance.Method);
    }
}
