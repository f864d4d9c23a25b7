namespace Liif.Models;

/// <summary>
/// SRCNN (Dong, Loy, He &amp; Tang, ECCV 2014), the 9-1-5 network with 64 and 32 filters: patch extraction
/// (9×9 conv, 64 maps, ReLU), non-linear mapping (1×1 conv, 32 maps, ReLU), reconstruction (5×5 conv to 3 maps).
/// It refines the bicubic upscale of the LR image, so its input is already at the output size. Here it works on the
/// three RGB channels (the paper's main model uses Y only) and pads each convolution so the output keeps the input's
/// size (the paper trains without padding on 33×33 sub-images). 3·64·81+64 + 64·32+32 + 32·3·25+3 = 20,099 parameters.
/// </summary>
internal sealed class Srcnn : FixedScaleNetwork
{
    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;
    [ComponentName(Name = "conv2")]
    private readonly Conv2d _conv2;
    [ComponentName(Name = "conv3")]
    private readonly Conv2d _conv3;

    public Srcnn(int scale, int colors = 3) : base(nameof(Srcnn))
    {
        Scale = scale;
        TakesUpsampledInput = true;
        ReceptiveRadius = 4 + 0 + 2;
        _conv1 = nn.Conv2d(colors, 64, 9, padding: 4);
        _conv2 = nn.Conv2d(64, 32, 1);
        _conv3 = nn.Conv2d(32, colors, 5, padding: 2);
        RegisterComponents();
    }

    /// <summary>x: B×3×H×W, the bicubic upscale (normalised) → B×3×H×W.</summary>
    public override Tensor forward(Tensor x)
    {
        using Tensor f1 = nn.functional.relu(_conv1.call(x));   // B×64×H×W
        using Tensor f2 = nn.functional.relu(_conv2.call(f1));  // B×32×H×W
        return _conv3.call(f2);                                  // B×3×H×W
    }
}
