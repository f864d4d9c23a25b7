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

/// <summary>
/// The border each protocol shaves, and the protocols' names and descriptions for command lines and reports.
/// </summary>
internal static class EvalProtocols
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
        double s = Math.Ceiling(scale);
        double shave = protocol switch
        {
            EvalProtocol.Benchmark => s,
            EvalProtocol.Div2k => s + 6,
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol"),
        };

        // A scale beyond int's range shaves more than any image has; int.MaxValue says as much without overflowing.
        return (int)Math.Min(shave, int.MaxValue);
    }

    /// <summary>"benchmark" or "div2k" (any case).</summary>
    public static EvalProtocol Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "benchmark" => EvalProtocol.Benchmark,
        "div2k" => EvalProtocol.Div2k,
        _ => throw new LiifException($"bad protocol '{text}' (use benchmark or div2k)"),
    };

    /// <summary>The lower-case name used on the command line and in JSON.</summary>
    public static string Name(this EvalProtocol protocol) => protocol == EvalProtocol.Div2k ? "div2k" : "benchmark";

    /// <summary>What is compared: channels and the border shaved.</summary>
    public static string Describe(this EvalProtocol protocol) => protocol == EvalProtocol.Div2k
        ? "div2k: PSNR on RGB, SSIM on Y (BT.601), ceil(scale) + 6 px shaved from each border"
        : "benchmark: PSNR and SSIM on Y (BT.601), ceil(scale) px shaved from each border";
}
