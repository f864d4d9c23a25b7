namespace Liif.Storage;

/// <summary>Where a model's weights came from: stored in every model file we write, shown by <c>liif info</c>.</summary>
internal sealed record ModelProvenance
{
    /// <summary>e.g. "official checkpoint", "liif train".</summary>
    public string? Source { get; init; }

    /// <summary>
    /// The method the weights stand for, as tables name it, when the architecture alone does not say it: e.g.
    /// "SRResNet" or "SRGAN (MSE content loss)" (both are <c>srresnet</c> modules). Null for LIIF models.
    /// </summary>
    public string? Method { get; init; }

    /// <summary>Training data, e.g. "T91 + BSD200 (291 images)".</summary>
    public string? TrainingData { get; init; }

    public long? Iterations { get; init; }

    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    /// <summary>e.g. "cpu (2 cores)" or "cuda (NVIDIA H100)".</summary>
    public string? Device { get; init; }

    public double? TrainingMinutes { get; init; }

    public DateTimeOffset? Created { get; init; }

    /// <summary>Measured figures, e.g. "Set5 x4 PSNR-Y" → 30.12.</summary>
    public Dictionary<string, double>? Metrics { get; init; }

    public string? Notes { get; init; }

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static ModelProvenance FromJson(string json) => JsonSerializer.Deserialize<ModelProvenance>(json, s_json) ?? new ModelProvenance();
}
