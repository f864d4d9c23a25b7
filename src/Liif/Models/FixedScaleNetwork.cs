namespace Liif.Models;

/// <summary>
/// A super-resolution network trained for one integer scale (the baselines LIIF is compared with: SRCNN, SRResNet,
/// the SRGAN generator). Images enter and leave normalised by the model's <see cref="DataNormalization"/>, as LIIF's.
/// <see cref="TakesUpsampledInput"/> says whether the input is the LR image (B×3×h×w → B×3×sh×sw)
/// or the LR image already bicubic-upscaled to the output size (B×3×H×W → B×3×H×W, as SRCNN).
/// </summary>
internal abstract class FixedScaleNetwork(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>The one scale factor the network was built for.</summary>
    public int Scale { get; protected init; }

    /// <summary>True when the input is the bicubic upscale at the output size; false when it is the LR image.</summary>
    public bool TakesUpsampledInput { get; protected init; }

    /// <summary>How far (in input pixels) one output pixel sees: what tiled inference must overlap by.</summary>
    public int ReceptiveRadius { get; protected init; }
}
