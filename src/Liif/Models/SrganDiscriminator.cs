namespace Liif.Models;

/// <summary>
/// The SRGAN discriminator (Ledig et al. 2017), VGG-style: a 3×3 conv of 64 maps with LeakyReLU(0.2), then seven
/// conv–BN–LeakyReLU blocks (<see cref="DiscriminatorBlock"/>: 64 s2, 128, 128 s2, 256, 256 s2, 512, 512 s2) — eight
/// convolutions in all, halving the size four times — then dense 1024, LeakyReLU(0.2), dense 1. It judges
/// <see cref="PatchSize"/>² HR patches (96² for x4 in the paper) and returns one logit each (real &gt; 0).
/// </summary>
internal sealed class SrganDiscriminator : nn.Module<Tensor, Tensor>
{
    private static readonly (int Channels, int Stride)[] s_blocks = [(64, 2), (128, 1), (128, 2), (256, 1), (256, 2), (512, 1), (512, 2)];

    [ComponentName(Name = "head")]
    private readonly Sequential _head;
    [ComponentName(Name = "blocks")]
    private readonly Sequential _blocks;
    [ComponentName(Name = "classifier")]
    private readonly Sequential _classifier;

    /// <param name="patchSize">A positive multiple of 16 (<see cref="ModelFactory"/> checks a spec's).</param>
    public SrganDiscriminator(int patchSize = 96, int colors = 3) : base(nameof(SrganDiscriminator))
    {
        PatchSize = patchSize;
        _head = nn.Sequential(nn.Conv2d(colors, 64, 3, padding: 1), nn.LeakyReLU(0.2));
        var blocks = new List<nn.Module<Tensor, Tensor>>();
        int channels = 64;
        foreach ((int outChannels, int stride) in s_blocks)
        {
            blocks.Add(new DiscriminatorBlock(channels, outChannels, stride));
            channels = outChannels;
        }

        _blocks = nn.Sequential(blocks);
        int side = patchSize / 16;
        _classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(channels * side * side, 1024),
            nn.LeakyReLU(0.2),
            nn.Linear(1024, 1));
        RegisterComponents();
    }

    /// <summary>The HR patch side the dense layers were built for.</summary>
    public int PatchSize { get; }

    /// <summary>x: B×3×P×P (normalised HR patches) → B×1 logits.</summary>
    public override Tensor forward(Tensor x)
    {
        if (x.shape[^1] != PatchSize || x.shape[^2] != PatchSize)
        {
            throw new ArgumentException($"the discriminator judges {PatchSize}x{PatchSize} patches, got {x.shape[^1]}x{x.shape[^2]}");
        }

        using Tensor head = _head.call(x);          // B×64×P×P
        using Tensor feat = _blocks.call(head);     // B×512×(P/16)×(P/16)
        return _classifier.call(feat);              // B×1
    }
}
