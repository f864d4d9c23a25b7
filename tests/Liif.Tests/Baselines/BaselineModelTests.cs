using System.Text.Json.Nodes;

namespace Liif.Tests.Baselines;

/// <summary>Shapes, parameter counts and spec handling of SRCNN, SRResNet and the SRGAN discriminator.</summary>
public sealed class BaselineModelTests
{
    private static long ParameterCount(nn.Module m) => m.parameters().Sum(p => p.numel());

    [Fact]
    public void SrcnnHasThePapersParameterCount()
    {
        using var srcnn = new Srcnn(4);
        Assert.Equal(3 * 64 * 81 + 64 + 64 * 32 * 1 + 32 + 32 * 3 * 25 + 3, ParameterCount(srcnn));
        Assert.Equal(20099, ParameterCount(srcnn));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void SrcnnKeepsTheInputSize(int scale)
    {
        using var srcnn = new Srcnn(scale);
        using Tensor x = rand(2, 3, 13, 17);
        using Tensor y = srcnn.call(x);
        Assert.Equal(new long[] { 2, 3, 13, 17 }, y.shape);
        Assert.True(srcnn.TakesUpsampledInput);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(8, 3)]
    public void SrResNetUpsamplesByItsScale(int scale, int stages)
    {
        Assert.Equal(stages, SrResNet.UpsampleFactors(scale)!.Length);
        using var net = new SrResNet(scale, resBlocks: 2, features: 8);
        net.eval();
        using Tensor x = rand(1, 3, 5, 7);
        using Tensor y = net.call(x);
        Assert.Equal(new long[] { 1, 3, 5 * scale, 7 * scale }, y.shape);
        Assert.False(net.TakesUpsampledInput);
    }

    [Fact]
    public void SrResNetX4HasAboutOnePointFiveMillionParameters()
    {
        using var net = new SrResNet(4);
        long n = ParameterCount(net);
        // 16 blocks of two 3x3 64->64 convs with BN and PReLU, two x2 sub-pixel stages, 9x9 head and tail.
        Assert.InRange(n, 1_500_000, 1_600_000);
        Assert.Equal(1_549_462, n);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(1)]
    public void SrResNetRefusesScalesItCannotBuild(int scale)
    {
        Assert.Null(SrResNet.UpsampleFactors(scale));
        var spec = new ModelSpec("srresnet", new JsonObject { ["scale"] = scale });
        var e = Assert.Throws<ModelSpecException>(() => ModelFactory.Make(spec));
        Assert.Contains($"x{scale} is not supported", e.Message);
    }

    [Fact]
    public void DiscriminatorGivesOneLogitPerPatch()
    {
        using var d = new SrganDiscriminator(32);
        using Tensor x = rand(3, 3, 32, 32);
        using Tensor y = d.call(x);
        Assert.Equal(new long[] { 3, 1 }, y.shape);
        Assert.Equal(8, d.modules().OfType<TorchSharp.Modules.Conv2d>().Count());
        Assert.Throws<ArgumentException>(() => d.call(rand(1, 3, 48, 48)));
    }

    [Fact]
    public void DiscriminatorForNinetySixPixelPatchesHasTheDenseLayerOfThePaper()
    {
        using var d = new SrganDiscriminator(96);
        var dense = d.modules().OfType<TorchSharp.Modules.Linear>().First();
        Assert.Equal(new long[] { 1024, 512 * 6 * 6 }, dense.weight!.shape);
    }

    [Fact]
    public void FactoryBuildsEveryBaselineFromItsSpec()
    {
        using var srcnn = (FixedScaleNetwork)ModelFactory.Make(new ModelSpec("srcnn", new JsonObject { ["scale"] = 3 }));
        Assert.Equal(3, srcnn.Scale);
        using var srresnet = (FixedScaleNetwork)ModelFactory.Make(new ModelSpec("srresnet", new JsonObject { ["scale"] = 2, ["n_resblocks"] = 1, ["n_feats"] = 4 }));
        Assert.IsType<SrResNet>(srresnet);
        using var disc = ModelFactory.Make(new ModelSpec("srgan-discriminator", new JsonObject { ["patch_size"] = 16 }));
        Assert.IsType<SrganDiscriminator>(disc);
    }
}
