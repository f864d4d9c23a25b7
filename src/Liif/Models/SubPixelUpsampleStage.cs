namespace Liif.Models;

/// <summary>
/// One sub-pixel upsampling stage (Shi et al. 2016, as in SRResNet): a 3×3 conv to C·r² maps, PixelShuffle(r),
/// PReLU.
/// </summary>
internal sealed class SubPixelUpsampleStage : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv")]
    private readonly Conv2d _conv;
    [ComponentName(Name = "shuffle")]
    private readonly PixelShuffle _shuffle;
    [ComponentName(Name = "act")]
    private readonly PReLU _act;

    public SubPixelUpsampleStage(int features, int factor) : base(nameof(SubPixelUpsampleStage))
    {
        _conv = nn.Conv2d(features, features * factor * factor, 3, padding: 1);
        _shuffle = nn.PixelShuffle(factor);
        _act = nn.PReLU(1, 0.25);
        RegisterComponents();
    }

    /// <summary>x: B×C×h×w → B×C×rh×rw.</summary>
    public override Tensor forward(Tensor x)
    {
        using Tensor expanded = _conv.call(x);          // B×C·r²×h×w
        using Tensor shuffled = _shuffle.call(expanded); // B×C×rh×rw
        return _act.call(shuffled);
    }
}
