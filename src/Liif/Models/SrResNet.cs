namespace Liif.Models;

/// <summary>
/// SRResNet, the generator of SRGAN (Ledig et al., CVPR 2017): 9×9 conv + PReLU; 16 residual blocks
/// (<see cref="SrResidualBlock"/>); 3×3 conv + BN and a skip from the first features; sub-pixel upsampling
/// (<see cref="SubPixelUpsampleStage"/>, log2(scale) x2 stages for powers of two, one x3 stage for x3); a 9×9 conv to
/// RGB. The same module is the SRGAN generator: the model file's provenance says how it was trained. Batch norm uses
/// batch statistics in training mode and its running averages in eval mode (inference).
/// </summary>
internal sealed class SrResNet : FixedScaleNetwork
{
    [ComponentName(Name = "head")]
    private readonly Sequential _head;
    [ComponentName(Name = "body")]
    private readonly Sequential _body;
    [ComponentName(Name = "body_tail")]
    private readonly Sequential _bodyTail;
    [ComponentName(Name = "upsampler")]
    private readonly Sequential _upsampler;
    [ComponentName(Name = "tail")]
    private readonly Conv2d _tail;

    public SrResNet(int scale = 4, int resBlocks = 16, int features = 64, int colors = 3) : base(nameof(SrResNet))
    {
        int[] factors = UpsampleFactors(scale) ?? throw new ModelSpecException(Unsupported(scale));
        Scale = scale;
        _head = nn.Sequential(nn.Conv2d(colors, features, 9, padding: 4), nn.PReLU(1, 0.25));
        _body = nn.Sequential(Enumerable.Range(0, resBlocks).Select(_ => (nn.Module<Tensor, Tensor>)new SrResidualBlock(features)));
        _bodyTail = nn.Sequential(nn.Conv2d(features, features, 3, padding: 1), nn.BatchNorm2d(features));
        _upsampler = nn.Sequential(factors.Select(f => (nn.Module<Tensor, Tensor>)new SubPixelUpsampleStage(features, f)));
        _tail = nn.Conv2d(features, colors, 9, padding: 4);

        // Head, blocks and body tail at LR; each upsampling conv at its own resolution; the tail at HR.
        double radius = 4 + 2 * resBlocks + 1 + 4.0 / scale;
        int done = 1;
        foreach (int f in factors)
        {
            radius += 1.0 / done;
            done *= f;
        }

        ReceptiveRadius = (int)Math.Ceiling(radius);
        RegisterComponents();
    }

    /// <summary>x: B×3×h×w (normalised LR) → B×3×(s·h)×(s·w).</summary>
    public override Tensor forward(Tensor x)
    {
        using Tensor head = _head.call(x);          // B×64×h×w
        using Tensor body = _body.call(head);       // B×64×h×w
        using Tensor tail = _bodyTail.call(body);   // B×64×h×w
        using Tensor skip = tail.add(head);         // global skip
        using Tensor up = _upsampler.call(skip);    // B×64×sh×sw
        return _tail.call(up);                      // B×3×sh×sw
    }

    /// <summary>The x2/x3 stages for a scale: [2, 2] for x4, [3] for x3; null when the scale is not supported.</summary>
    public static int[]? UpsampleFactors(int scale)
    {
        if (scale == 3)
        {
            return [3];
        }

        if (scale < 2 || (scale & (scale - 1)) != 0)
        {
            return null;
        }

        return Enumerable.Repeat(2, System.Numerics.BitOperations.Log2((uint)scale)).ToArray();
    }

    internal static string Unsupported(int scale) =>
        $"srresnet upsamples by x2 stages (x2, x4, x8, ...) or one x3 stage; x{scale} is not supported (use a LIIF model for other scales)";
}
