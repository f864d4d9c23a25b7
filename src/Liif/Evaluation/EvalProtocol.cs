namespace Liif.Evaluation;

/// <summary>
/// How SR output is compared with ground truth, after the official LIIF <c>calc_psnr</c>.
/// </summary>
internal enum EvalProtocol
{
    /// <summary>Benchmark sets (Set5, Set14, B100, Urban100): Y channel (BT.601), <c>scale</c> pixels shaved.</summary>
    Benchmark,

    /// <summary>DIV2K validation: RGB, <c>scale + 6</c> pixels shaved.</summary>
    Div2k,
}

/// <summary>The border each protocol shaves.</summary>
internal static class EvalProtocolExtensions
{
    /// <summary>
    /// Pixels shaved from each border: the scale (Benchmark) or scale + 6 (Div2k). The official code only sees
    /// integer scales; a non-integer scale is rounded up, so that the whole border the upsampler had to
    /// extrapolate is always excluded.
    /// </summary>
    public static int Shave(this EvalProtocol protocol, double scale)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be positive and finite");
        }
        int s = (int)Math.Ceiling(scale);
        return protocol switch
        {
            EvalProtocol.Benchmark => s,
            EvalProtocol.Div2k => s + 6,
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol"),
        };
    }
}
