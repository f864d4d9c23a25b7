namespace Liif.Training;

/// <summary>
/// A training run's configuration in the official <c>train_*.yaml</c> layout (see <c>configs/</c>), for LIIF and for
/// the fixed-scale baselines alike: <c>train_dataset</c>, <c>val_dataset</c>, <c>data_norm</c>, <c>model</c>,
/// <c>optimizer</c>, <c>epoch_max</c>, <c>multi_step_lr</c>, <c>epoch_val</c>, <c>epoch_save</c>, plus <c>seed</c>,
/// <c>device</c> (auto, cpu, cuda, cuda:N), <c>workers</c> (data-loading threads), <c>eval_bsize</c> (queries per
/// validation chunk), <c>precision</c>, <c>init_from</c> (a model file whose weights start the run), <c>ema_decay</c>
/// and <c>budget_lr_decay</c>; the baselines add <c>content_loss</c>, <c>vgg</c> and <c>adversarial</c> (SRGAN).
/// The records are the schema: each default is written once, here, and <see cref="StrictJson"/> reads a config into
/// them, so an unknown key or a value of the wrong type is a <see cref="ConfigException"/> naming its key path; the
/// limits are checked after reading. The model's arguments are <see cref="ModelFactory"/>'s to check.
/// </summary>
internal sealed record TrainConfig
{
    public required TrainDatasetSection TrainDataset { get; init; }

    public ValDatasetSection? ValDataset { get; init; }

    public DataNormalization DataNorm { get; init; } = DataNormalization.Default;

    public required ModelSpec Model { get; init; }

    public AdamSection Optimizer { get; init; } = new() { Name = AdamSection.Adam };

    public int EpochMax { get; init; } = 1000;

    public MultiStepLrSection? MultiStepLr { get; init; }

    /// <summary>Validate every this many epochs (0: never).</summary>
    public int EpochVal { get; init; } = 1;

    /// <summary>Save the checkpoint every this many epochs (0: only at the end, on a budget end, on Ctrl-C and every --save-minutes).</summary>
    public int EpochSave { get; init; } = 100;

    public long Seed { get; init; }

    public string Device { get; init; } = "auto";

    public int Workers { get; init; } = 2;

    /// <summary>Queries per chunk when a LIIF is validated.</summary>
    public int EvalBsize { get; init; } = 30000;

    /// <summary>fp32 (the paper's), tf32 or bf16: see <see cref="TrainingPrecision"/>.</summary>
    public TrainingPrecision Precision { get; init; }

    /// <summary>A model file (ours or an official .pth) whose weights start the run instead of a random initialisation.</summary>
    public string? InitFrom { get; init; }

    /// <summary>Keep an exponential moving average of the weights with this decay (e.g. 0.999); validate and ship it. Null: none.</summary>
    public double? EmaDecay { get; init; }

    /// <summary>Decay the rate over the last part of each invocation's budget (the any-time schedule). Null: none.</summary>
    public BudgetLrDecay? BudgetLrDecay { get; init; }

    /// <summary>Fixed-scale baselines: the loss between output and HR crop; null means mse.</summary>
    public ContentLoss? ContentLoss { get; init; }

    /// <summary>Fixed-scale baselines: a torchvision vgg19 state dict (.pth or .safetensors), for <see cref="Training.ContentLoss.Vgg54"/>.</summary>
    public string? Vgg { get; init; }

    /// <summary>Fixed-scale baselines: SRGAN's discriminator and its loss.</summary>
    public AdversarialSection? Adversarial { get; init; }

    /// <summary>An official key that <c>liif train</c> reads and does not use (resuming is <c>--resume</c>).</summary>
    public JsonNode? Resume { get; init; }

    /// <summary>An official key that <c>liif train</c> reads and does not use (validation is PSNR on RGB).</summary>
    public JsonNode? EvalType { get; init; }

    /// <summary>Whether the model is a fixed-scale baseline (srcnn, srresnet) rather than a LIIF.</summary>
    [JsonIgnore]
    public bool IsFixedScale => ModelFactory.FixedScaleNames.Contains(Model.Name);

    /// <summary>The model's scale for a fixed-scale baseline; null for a LIIF.</summary>
    [JsonIgnore]
    public int? FixedScale => ModelFactory.ScaleOf(Model);

    /// <summary>The scale validation runs at: the val_dataset's (x4 by default) or a baseline's own.</summary>
    [JsonIgnore]
    public int ValScale => ValDataset?.Wrapper.Args.Scale ?? FixedScale ?? 4;

    /// <summary>Reads a YAML config file, applies <c>--set key.path=value</c> overrides, and checks it.</summary>
    public static TrainConfig Load(string path, IEnumerable<string>? overrides = null) =>
        FromTree(ReadTree(path, overrides ?? []));

    /// <summary>A YAML config file's tree with <c>--set key.path=value</c> overrides applied, not yet checked.</summary>
    public static JsonObject ReadTree(string path, IEnumerable<string> overrides)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"config file '{path}' not found");
        }

        JsonObject tree = YamlTree.Parse(InputFile.ReadAllText(path, message => new ConfigException(message)), Path.GetFileName(path));
        ConfigOverrides.Apply(tree, overrides);
        return tree;
    }

    /// <summary>Parses a YAML text (e.g. the config stored in a checkpoint).</summary>
    public static TrainConfig FromYaml(string yaml, string sourceName) => FromTree(YamlTree.Parse(yaml, sourceName));

    /// <summary>Reads and checks a config tree. Relative paths are made absolute (relative to the working folder).</summary>
    public static TrainConfig FromTree(JsonObject tree)
    {
        TrainConfig config = StrictJson.Deserialize<TrainConfig>(tree, "", message => new ConfigException($"config: {message}"));
        try
        {
            ModelFactory.Check(config.Model);
            if (config.Adversarial?.Discriminator is ModelSpec discriminator)
            {
                ModelFactory.Check(discriminator, "adversarial.discriminator");
            }
        }
        catch (ModelSpecException e)
        {
            throw new ConfigException($"config: {e.Message}", e);
        }

        if (config.Problem() is (string key, string why))
        {
            throw new ConfigException($"config: '{key}' {why}");
        }

        return config.WithFullPaths();
    }

    /// <summary>A <c>device</c> as a TorchSharp device (<see cref="ComputeDevice"/>), its errors as config errors.</summary>
    public static Device ResolveDevice(string name)
    {
        try
        {
            return ComputeDevice.Parse(name);
        }
        catch (LiifException e)
        {
            throw new ConfigException($"config: 'device': {e.Message}", e);
        }
    }

    /// <summary>The full config with every default written out, as saved in the run folder and the checkpoint.</summary>
    public JsonObject ToTree() => StrictJson.Serialize(this);

    public string ToYaml() => YamlTree.ToYaml(ToTree());

    private (string Key, string Why)? Problem() =>
        ConfigRule.Below("train_dataset", TrainDataset.Problem())
        ?? ConfigRule.Below("val_dataset", ValDataset?.Problem())
        ?? ConfigRule.Below("data_norm", DataNorm.Problem())
        ?? ConfigRule.Below("optimizer", Optimizer.Problem())
        ?? ConfigRule.Below("multi_step_lr", MultiStepLr?.Problem())
        ?? ConfigRule.Below("budget_lr_decay", BudgetLrDecay?.Problem())
        ?? ConfigRule.Fails(EpochMax < 1, "epoch_max", $"must be at least 1, got {EpochMax}")
        ?? ConfigRule.Fails(EpochVal < 0, "epoch_val", $"must be 0 or more, got {EpochVal}")
        ?? ConfigRule.Fails(EpochSave < 0, "epoch_save", $"must be 0 or more, got {EpochSave}")
        ?? ConfigRule.Fails(Workers < 1, "workers", $"must be at least 1, got {Workers}")
        ?? ConfigRule.Fails(EvalBsize < 1, "eval_bsize", $"must be at least 1, got {EvalBsize}")
        ?? ConfigRule.Fails(!ComputeDevice.IsName(Device), "device", $"must be {ComputeDevice.Names}, got '{Device}'")
        ?? ConfigRule.Fails(EmaDecay is < 0 or >= 1, "ema_decay", $"must be at least 0 and below 1 (e.g. 0.999), got {EmaDecay}")
        ?? (IsFixedScale ? FixedScaleProblem() : LiifProblem());

    private (string Key, string Why)? LiifProblem() =>
        ConfigRule.Fails(Model.Name != "liif", "model.name",
            $"must be {StrictJson.Either(["liif", .. ModelFactory.FixedScaleNames])} (the models liif train trains), "
            + $"got '{Model.Name}'")
        ?? ConfigRule.Fails(TrainDataset.Wrapper is not ImplicitDownsampledWrapper, "train_dataset.wrapper.name", "must be sr-implicit-downsampled for a liif model")
        ?? ConfigRule.Fails(ContentLoss is not null, "content_loss", "applies to the fixed-scale baselines only (LIIF trains on L1)")
        ?? ConfigRule.Fails(Vgg is not null, "vgg", "applies to the fixed-scale baselines only")
        ?? ConfigRule.Fails(Adversarial is not null, "adversarial", "applies to the fixed-scale baselines only");

    private (string Key, string Why)? FixedScaleProblem()
    {
        int scale = FixedScale!.Value;
        int hrPatch = (TrainDataset.Wrapper as FixedScalePairedWrapper)?.Args.InpSize * scale ?? 0;
        int? patch = Adversarial?.Discriminator is ModelSpec d ? ModelFactory.PatchSizeOf(d) : null;
        return ConfigRule.Fails(TrainDataset.Wrapper is not FixedScalePairedWrapper, "train_dataset.wrapper.name",
                $"must be sr-fixed-scale-paired for a {Model.Name} model")
            ?? ConfigRule.Fails(ValDataset?.Wrapper.Args.Scale is int s && s != scale, "val_dataset", $"validates at x{ValScale}, but the model is a x{scale} model")
            ?? ConfigRule.Fails(ContentLoss == Training.ContentLoss.Vgg54 && Vgg is null, "vgg",
                "is required by content_loss vgg54: a torchvision vgg19 state dict (.pth or .safetensors)")
            ?? ConfigRule.Below("adversarial", Adversarial?.Problem())
            ?? ConfigRule.Fails(Adversarial?.Discriminator is { Name: not "srgan-discriminator" }, "adversarial.discriminator.name", "must be srgan-discriminator")
            ?? ConfigRule.Fails(patch is int p && p != hrPatch, "adversarial.discriminator.args.patch_size",
                $"must be the HR crop, inp_size × scale = {hrPatch}, got {patch}")
            ?? ConfigRule.Fails(Adversarial is not null && hrPatch % 16 != 0, "adversarial.discriminator",
                $"judges patches of a multiple of 16 px; the HR crop is {hrPatch} (choose inp_size so inp_size × scale is)");
    }

    private TrainConfig WithFullPaths() => this with
    {
        TrainDataset = TrainDataset with { Dataset = TrainDataset.Dataset.WithFullPaths() },
        ValDataset = ValDataset is null ? null : ValDataset with { Dataset = ValDataset.Dataset.WithFullPaths() },
        InitFrom = InitFrom is null ? null : Path.GetFullPath(InitFrom),
        Vgg = Vgg is null ? null : Path.GetFullPath(Vgg),
    };
}
