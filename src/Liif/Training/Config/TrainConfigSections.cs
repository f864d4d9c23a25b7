namespace Liif.Training;

/// <summary>The <c>train_dataset</c> section: the images, how a sample is made of them, and the batch size.</summary>
internal sealed record TrainDatasetSection
{
    public required ImageFolderSection Dataset { get; init; }

    public required TrainWrapper Wrapper { get; init; }

    public int BatchSize { get; init; } = 16;

    internal (string Key, string Why)? Problem() =>
        ConfigRule.Below("dataset", Dataset.Problem())
        ?? ConfigRule.Below("wrapper", Wrapper.Problem())
        ?? ConfigRule.Fails(BatchSize < 1, "batch_size", "must be at least 1");
}

/// <summary>How training samples are made: LIIF's <c>sr-implicit-downsampled</c> or the baselines' <c>sr-fixed-scale-paired</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "name")]
[JsonDerivedType(typeof(ImplicitDownsampledWrapper), "sr-implicit-downsampled")]
[JsonDerivedType(typeof(FixedScalePairedWrapper), "sr-fixed-scale-paired")]
internal abstract record TrainWrapper
{
    internal abstract (string Key, string Why)? Problem();
}

/// <summary>LIIF's wrapper: a random HR crop of round(inp_size × s) for s ~ U(scale_min, scale_max), sample_q query pixels.</summary>
internal sealed record ImplicitDownsampledWrapper : TrainWrapper
{
    public ImplicitDownsampledArgs Args { get; init; } = new();

    internal override (string Key, string Why)? Problem() => ConfigRule.Below("args", Args.Problem());
}

/// <summary>The <c>sr-implicit-downsampled</c> wrapper's arguments.</summary>
internal sealed record ImplicitDownsampledArgs(int InpSize = 48, double ScaleMin = 1, double ScaleMax = 4, bool Augment = false, int SampleQ = 2304)
{
    internal (string Key, string Why)? Problem() =>
        ConfigRule.Fails(InpSize < 1, "inp_size", "must be at least 1")
        ?? ConfigRule.Fails(ScaleMin < 1 || ScaleMax < ScaleMin, "scale_max", $"must be ≥ scale_min ≥ 1 (got scale_min {ScaleMin}, scale_max {ScaleMax})")
        ?? ConfigRule.Fails(SampleQ < 1 || SampleQ > (long)InpSize * InpSize, "sample_q",
            $"must be between 1 and inp_size² = {(long)InpSize * InpSize} (every sample needs that many HR pixels)");
}

/// <summary>The baselines' wrapper: an LR crop of inp_size and its HR crop at the model's scale (LR by Pillow bicubic).</summary>
internal sealed record FixedScalePairedWrapper : TrainWrapper
{
    public FixedScalePairedArgs Args { get; init; } = new();

    internal override (string Key, string Why)? Problem() => ConfigRule.Fails(Args.InpSize < 1, "args.inp_size", "must be at least 1");
}

/// <summary>The <c>sr-fixed-scale-paired</c> wrapper's arguments (the scale is the model's).</summary>
internal sealed record FixedScalePairedArgs(int InpSize = 24, bool Augment = true);

/// <summary>An <c>image-folder</c> dataset section.</summary>
internal sealed record ImageFolderSection
{
    public required string Name { get; init; }

    public required ImageFolderArgs Args { get; init; }

    internal (string Key, string Why)? Problem() =>
        ConfigRule.Fails(Name != "image-folder", "name", $"must be image-folder, got '{Name}'")
        ?? ConfigRule.Fails(Args.RootPath.Count == 0, "args.root_path", "must name at least one folder or image")
        ?? ConfigRule.Fails(Args.Repeat < 1, "args.repeat", "must be at least 1");

    internal ImageFolderSection WithFullPaths() => this with { Args = Args with { RootPath = [.. Args.RootPath.Select(Path.GetFullPath)] } };
}

/// <summary>
/// The <c>image-folder</c> arguments: folders (or single images), each image seen <c>repeat</c> times an epoch, kept
/// in memory or not, optionally only the first k of each folder. The official split_file / split_key are read and unused.
/// </summary>
internal sealed record ImageFolderArgs
{
    [JsonConverter(typeof(OneOrMoreStrings))]
    public required IReadOnlyList<string> RootPath { get; init; }

    public int Repeat { get; init; } = 1;

    public DatasetCacheMode Cache { get; init; } = DatasetCacheMode.InMemory;

    public int? FirstK { get; init; }

    public JsonNode? SplitFile { get; init; }

    public JsonNode? SplitKey { get; init; }
}

/// <summary>The <c>val_dataset</c> section: whole images, LR made by Pillow bicubic at a fixed integer scale.</summary>
internal sealed record ValDatasetSection
{
    public required ImageFolderSection Dataset { get; init; }

    public required ValWrapperSection Wrapper { get; init; }

    /// <summary>The official key; validation decodes in chunks of eval_bsize instead.</summary>
    public JsonNode? BatchSize { get; init; }

    internal (string Key, string Why)? Problem() =>
        ConfigRule.Below("dataset", Dataset.Problem())
        ?? ConfigRule.Fails(Wrapper.Name != "sr-downsampled-whole", "wrapper.name", $"must be sr-downsampled-whole, got '{Wrapper.Name}'")
        ?? ConfigRule.Fails(Wrapper.Args.Scale < 1, "wrapper.args.scale", "must be at least 1");
}

/// <summary>The <c>sr-downsampled-whole</c> wrapper.</summary>
internal sealed record ValWrapperSection
{
    public required string Name { get; init; }

    public ValWrapperArgs Args { get; init; } = new();
}

/// <summary>The validation scale: x4 for LIIF by default, a baseline's own scale by default.</summary>
internal sealed record ValWrapperArgs(int? Scale = null);

/// <summary>The <c>optimizer</c> section (Adam only, as the official configs).</summary>
internal sealed record AdamSection
{
    public const string Adam = "adam";

    public required string Name { get; init; }

    public AdamArgs Args { get; init; } = new();

    internal (string Key, string Why)? Problem() =>
        ConfigRule.Fails(Name != Adam, "name", $"must be adam, got '{Name}'")
        ?? ConfigRule.Fails(Args.Lr <= 0, "args.lr", "must be positive")
        ?? ConfigRule.Fails(Args.Betas.Count != 2 || Args.Betas.Any(b => b is < 0 or >= 1), "args.betas", "must be two numbers in [0, 1)")
        ?? ConfigRule.Fails(Args.WeightDecay < 0, "args.weight_decay", "must be 0 or more");
}

/// <summary>Adam's arguments as torch.optim.Adam names them.</summary>
internal sealed record AdamArgs
{
    public double Lr { get; init; } = 1e-4;

    public IReadOnlyList<double> Betas { get; init; } = [0.9, 0.999];

    public double WeightDecay { get; init; }
}

/// <summary>The <c>multi_step_lr</c> section: the learning rate is multiplied by gamma after each milestone epoch.</summary>
internal sealed record MultiStepLrSection
{
    public required IReadOnlyList<int> Milestones { get; init; }

    public required double Gamma { get; init; }

    internal (string Key, string Why)? Problem() => ConfigRule.Fails(Gamma <= 0, "gamma", "must be positive");
}

/// <summary>
/// The <c>adversarial</c> section (SRGAN): the discriminator (default: srgan-discriminator on the HR crop), the
/// adversarial weight (10⁻³ in the paper) and the discriminator's Adam.
/// </summary>
internal sealed record AdversarialSection
{
    public ModelSpec? Discriminator { get; init; }

    public double Weight { get; init; } = 1e-3;

    public AdamSection Optimizer { get; init; } = new() { Name = AdamSection.Adam };

    internal (string Key, string Why)? Problem() =>
        ConfigRule.Fails(Weight < 0, "weight", "must be 0 or more")
        ?? ConfigRule.Below("optimizer", Optimizer.Problem());
}

/// <summary>A string or a list of strings (the official <c>root_path</c> is one folder; ours may be several).</summary>
internal sealed class OneOrMoreStrings : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return [reader.GetString()!];
        }

        // No message: System.Text.Json then names the key path, and StrictJson says what was expected there.
        var values = new List<string>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException();
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException());
        }

        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value.Count == 1)
        {
            writer.WriteStringValue(value[0]);
        }
        else
        {
            JsonSerializer.Serialize(writer, value.ToArray(), options);
        }
    }
}
