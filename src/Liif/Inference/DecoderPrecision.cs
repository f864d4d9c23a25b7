using static TorchSharp.torch;

namespace Liif.Inference;

/// <summary>Number type of the decoder MLP's hidden layers (the encoder and the first layer stay float32).</summary>
public enum DecoderPrecision
{
    Float32,

    /// <summary>bfloat16 with float32 accumulation: about twice the matrix throughput on GPUs and on CPUs with AVX512-BF16/AMX.</summary>
    BFloat16,
}

public static class DecoderPrecisionParsing
{
    /// <summary>
    /// "fp32" / "bf16", or "auto": bf16 on CUDA and on CPUs that multiply bf16 natively (see
    /// <see cref="CpuBFloat16Support"/>), float32 on other CPUs. FastPathQualityTests keeps bf16 within 0.01 dB of float32.
    /// </summary>
    public static DecoderPrecision Parse(string text, Device device) => text.Trim().ToLowerInvariant() switch
    {
        "fp32" or "float32" => DecoderPrecision.Float32,
        "bf16" or "bfloat16" => DecoderPrecision.BFloat16,
        "auto" => device.type == TorchSharp.DeviceType.CUDA || CpuBFloat16Support.IsNative ? DecoderPrecision.BFloat16 : DecoderPrecision.Float32,
        _ => throw new ArgumentException($"bad precision '{text}' (use auto, fp32 or bf16)"),
    };

    public static ScalarType? HiddenDtype(this DecoderPrecision precision) => precision == DecoderPrecision.BFloat16 ? bfloat16 : null;
}
