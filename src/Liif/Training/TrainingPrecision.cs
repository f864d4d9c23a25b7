namespace Liif.Training;

/// <summary>
/// Number formats of a training run (config key <c>precision</c>). fp32 is the paper's setting and the default.
/// tf32 lets CUDA matrix products and convolutions use TensorFloat-32 tensor cores (float32 storage and accumulation;
/// no effect on the CPU). bf16 is tf32 plus the decoder MLP's hidden layers in bfloat16 with float32 master weights
/// (autograd casts the gradients back; bfloat16 keeps float32's exponent range, so no loss scaling is needed). The
/// encoder stays float32 in every mode: TorchSharp has no autocast, and the decoder is where the work is.
/// <c>liif bench --curve-steps N</c> prints the loss curves of all three side by side.
/// </summary>
internal enum TrainingPrecision
{
    [JsonStringEnumMemberName("fp32")]
    Float32,
    [JsonStringEnumMemberName("tf32")]
    TensorFloat32,
    [JsonStringEnumMemberName("bf16")]
    BFloat16,
}

internal static class TrainingPrecisionNames
{
    /// <summary>The config's name of a precision (fp32, tf32, bf16: the enum's JSON names).</summary>
    public static string Name(this TrainingPrecision precision) => JsonSerializer.Serialize(precision, StrictJson.Options).Trim('"');

    /// <summary>The decoder's hidden-layer type, or null for float32.</summary>
    public static ScalarType? DecoderDtype(this TrainingPrecision precision) =>
        precision == TrainingPrecision.BFloat16 ? bfloat16 : null;

    /// <summary>Sets libtorch's process-wide TF32 switches for this mode (they only matter on CUDA).</summary>
    public static void ApplyMatmulMode(this TrainingPrecision precision)
    {
        bool tf32 = precision != TrainingPrecision.Float32;
        backends.cuda.matmul.allow_tf32 = tf32;
        backends.cudnn.allow_tf32 = tf32;
    }
}
