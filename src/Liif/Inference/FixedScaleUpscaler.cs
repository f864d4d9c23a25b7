namespace Liif.Inference;

/// <summary>
/// Upscales with a network trained for one integer scale (<see cref="FixedScaleNetwork"/>: SRCNN, SRResNet, the
/// SRGAN generator). It only makes exactly <see cref="Scale"/>× the input in both directions and refuses any other
/// size with a one-line message. SRCNN first takes the Pillow-bicubic upscale to the target size. Large inputs are
/// run in tiles that overlap by the network's receptive radius, so the result equals a whole-image pass (batch norm
/// is in eval mode: a per-channel affine map) while peak memory stays bounded.
/// </summary>
internal sealed class FixedScaleUpscaler : IUpscaler
{
    private readonly FixedScaleNetwork _network;
    private readonly Device _device;
    private readonly DataNormalization _norm;

    /// <param name="network">The network (put in eval mode here).</param>
    /// <param name="device">Where it runs.</param>
    /// <param name="method">The method's name, e.g. "SRGAN (MSE content loss)": with the scale it names the upscaler in
    /// tables ("SRGAN (MSE content loss) x4"), its first word in lower case in messages ("srgan").</param>
    /// <param name="tileSide">Largest tile side in network-input pixels (null: 512 for SRCNN's HR input, 160 for LR input).</param>
    /// <param name="dataNorm">The network's data normalisation; null: the default 0.5 / 0.5.</param>
    public FixedScaleUpscaler(FixedScaleNetwork network, Device device, string method, int? tileSide = null,
        DataNormalization? dataNorm = null)
    {
        _network = network;
        _device = device;
        _norm = dataNorm ?? DataNormalization.Default;
        Name = $"{method} x{network.Scale}";
        ShortName = method.Split(' ', 2)[0].ToLowerInvariant();
        TileSide = tileSide ?? (network.TakesUpsampledInput ? 512 : 160);
        ArgumentOutOfRangeException.ThrowIfLessThan(TileSide, 1);
        _network.to(device).eval();
    }

    public string Name { get; }

    /// <summary>Lower-case name used in messages, e.g. "srcnn".</summary>
    public string ShortName { get; }

    public int Scale => _network.Scale;

    public bool CanMake(double scale) => scale == Scale;

    public int TileSide { get; }

    public ImageU8 Upscale(ImageU8 rgb, int width, int height, IProgress<double>? progress = null)
    {
        CheckSize(rgb.Width, rgb.Height, width, height);
        ImageU8 input = _network.TakesUpsampledInput ? PilBicubicResize.Resize(rgb.ToRgb(), width, height) : rgb.ToRgb();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor inp = _norm.NormalizeInput(ImageTensor.ToTensor(input), 0).unsqueeze(0);  // 1×3×h×w
        Tensor output = RunTiled(inp, progress);                                        // 1×3×H×W
        return ImageTensor.FromTensor(_norm.DenormalizeOutput(output[0], 0).clamp_(0, 1));
    }

    /// <summary>Throws a one-line <see cref="LiifException"/> unless width × height is exactly Scale × the input.</summary>
    public void CheckSize(int inputWidth, int inputHeight, int width, int height)
    {
        if (width == inputWidth * Scale && height == inputHeight * Scale)
        {
            return;
        }

        double sx = (double)width / inputWidth, sy = (double)height / inputHeight;
        string asked = Math.Abs(sx - sy) < 1e-9 ? $"x{Format(sx)}" : $"x{Format(sx)} by x{Format(sy)}";
        throw new LiifException(
            $"{ShortName} is a x{Scale} model: it cannot make {width}x{height} from {inputWidth}x{inputHeight} ({asked}); "
            + "use a LIIF model for arbitrary scales");
    }

    private Tensor RunTiled(Tensor inp, IProgress<double>? progress)
    {
        long h = inp.shape[2], w = inp.shape[3];
        int f = _network.TakesUpsampledInput ? 1 : Scale, margin = _network.ReceptiveRadius, t = TileSide;
        if (h <= t && w <= t)
        {
            Tensor whole = _network.call(inp.to(_device)).cpu();
            progress?.Report(1.0);
            return whole;
        }

        Tensor output = zeros(1, 3, h * f, w * f);
        long tiles = ((h + t - 1) / t) * ((w + t - 1) / t), done = 0;
        for (long top = 0; top < h; top += t)
        {
            for (long left = 0; left < w; left += t)
            {
                using var tileScope = NewDisposeScope();
                long th = Math.Min(t, h - top), tw = Math.Min(t, w - left);
                long y0 = Math.Max(0, top - margin), x0 = Math.Max(0, left - margin);
                long y1 = Math.Min(h, top + th + margin), x1 = Math.Min(w, left + tw + margin);
                Tensor window = inp.narrow(2, y0, y1 - y0).narrow(3, x0, x1 - x0).to(_device); // with context on every side
                Tensor result = _network.call(window).cpu();                           // 1×3×f(y1−y0)×f(x1−x0)
                Tensor core = result.narrow(2, (top - y0) * f, th * f).narrow(3, (left - x0) * f, tw * f);
                output.narrow(2, top * f, th * f).narrow(3, left * f, tw * f).copy_(core);
                progress?.Report((double)++done / tiles);
            }
        }

        return output;
    }

    private static string Format(double scale) => scale.ToString("0.##", CultureInfo.InvariantCulture);
}
