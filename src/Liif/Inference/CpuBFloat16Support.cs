namespace Liif.Inference;

/// <summary>
/// Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX-BF16), so that <c>liif bench</c> times bf16
/// rows. There libtorch's bf16 matrix products can run about twice as fast as float32 (measured on an AMD EPYC: 400
/// against 170 GFLOP/s for the decoder's 4096×256·256×256 products), though not on every such CPU (see
/// <see cref="DecoderPrecisionParsing.AutoOn"/>); elsewhere bf16 is emulated and slower than float32. Read from
/// /proc/cpuinfo because .NET exposes no AVX512-BF16 intrinsic class to ask; other systems answer false.
/// </summary>
internal static class CpuBFloat16Support
{
    public static bool IsNative { get; } = Detect();

    /// <summary>True when a /proc/cpuinfo "flags" line names avx512_bf16 or amx_bf16.</summary>
    internal static bool HasNativeFlag(IEnumerable<string> cpuinfoLines) => cpuinfoLines
        .Where(line => line.StartsWith("flags", StringComparison.Ordinal))
        .Any(line => line.Split(' ', ':', '\t').Any(flag => flag is "avx512_bf16" or "amx_bf16"));

    private static bool Detect()
    {
        try
        {
            return OperatingSystem.IsLinux() && HasNativeFlag(File.ReadLines("/proc/cpuinfo"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
