namespace Liif.Inference;

/// <summary>Number type of the decoder MLP's hidden layers (the encoder and the first layer stay float32).</summary>
internal enum DecoderPrecision
{
    Float32,

    /// <summary>bfloat16 with float32 accumulation: about twice the matrix throughput on GPUs and on CPUs with AVX512-BF16/AMX.</summary>
    BFloat16,
}

internal static class DecoderPrecisionParsing
{
    /// <summary>"fp32" / "bf16" (or "float32" / "bfloat16"), or null for "auto"; a <see cref="LiifException"/> otherwise.</summary>
    public static DecoderPrecision? ParseChoice(string text) => text.Trim().ToLowerInvariant() switch
    {
        "fp32" or "float32" => DecoderPrecision.Float32,
        "bf16" or "bfloat16" => DecoderPrecision.BFloat16,
        "auto" => null,
        _ => throw new LiifException($"bad precision '{text}' (use auto, fp32 or bf16)"),
    };

    /// <summary>
    /// bf16 on CUDA (twice as fast as float32 on an H100, README Speed), float32 on the CPU: there bf16 pays only
    /// where the hardware multiplies it fast, and even with AVX512-BF16 it did not on this project's machines (README
    /// Speed), so it is left to <c>--precision bf16</c> and <c>liif bench</c> to show. FastPathQualityTests keeps bf16
    /// within 0.01 dB of float32.
    /// </summary>
    public static DecoderPrecision AutoOn(Device device) =>
        device.type == TorchSharp.DeviceType.CUDA ? DecoderPrecision.BFloat16 : DecoderPrecision.Float32;
}
