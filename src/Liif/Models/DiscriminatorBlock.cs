namespace Liif.Models;

/// <summary>One block of the SRGAN discriminator: 3×3 conv (stride 1 or 2), batch norm, LeakyReLU(0.2).</summary>
internal sealed class DiscriminatorBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv")]
    private readonly Conv2d _conv;
    [ComponentName(Name = "bn")]
    private readonly BatchNorm2d _bn;
    [ComponentName(Name = "act")]
    private readonly LeakyReLU _act;

    public DiscriminatorBlock(int inChannels, int outChannels, int stride) : base(nameof(DiscriminatorBlock))
    {
        _conv = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1);
        _bn = nn.BatchNorm2d(outChannels);
        _act = nn.LeakyReLU(0.2);
        RegisterComponents();
    }

    /// <summary>x: B×Cin×h×w → B×Cout×(h/stride)×(w/stride).</summary>
    public override Tensor forward(Tensor x)
    {
        using Tensor conv = _conv.call(x);
        using Tensor norm = _bn.call(conv);
        return _act.call(norm);
    }
}
