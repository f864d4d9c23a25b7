namespace Liif.Evaluation;

/// <summary>Names and descriptions of <see cref="EvalProtocol"/> values for command lines and reports.</summary>
internal static class EvalProtocols
{
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
