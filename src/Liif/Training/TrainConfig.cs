using System.Globalization;
using System.Text.Json.Nodes;
using Liif.Inference;
using Liif.Models;

namespace Liif.Training;

/// <summary>An <c>image-folder</c> dataset: its folders, repeat, cache mode and optional first_k.</summary>
internal sealed record ImageFolderConfig(IReadOnlyList<string> RootPaths, int Repeat = 1, DatasetCacheMode Cache = DatasetCacheMode.InMemory, int? FirstK = null);

/// <summary>The <c>sr-implicit-downsampled</c> wrapper's arguments.</summary>
internal sealed record ImplicitDownsampledConfig(int InpSize = 48, double ScaleMin = 1, double ScaleMax = 4, bool Augment = false, int SampleQ = 2304);

/// <summary>The <c>train_dataset</c> section.</summary>
internal sealed record TrainDatasetConfig(ImageFolderConfig Dataset, ImplicitDownsampledConfig Wrapper, int BatchSize = 16);

/// <summary>The <c>val_dataset</c> section: whole images, LR made by Pillow bicubic at a fixed integer scale.</summary>
internal sealed record ValDatasetConfig(ImageFolderConfig Dataset, int Scale = 4);

/// <summary>The <c>multi_step_lr</c> section: the learning rate is multiplied by gamma after each milestone epoch.</summary>
internal sealed record MultiStepLrConfig(IReadOnlyList<int> Milestones, double Gamma);

/// <summary>The <c>optimizer</c> section (Adam only, as the official configs).</summary>
internal sealed record AdamConfig(double Lr = 1e-4, double Beta1 = 0.9, double Beta2 = 0.999, double WeightDecay = 0);

/// <summary>
/// A training run's configuration, the official <c>train_*.yaml</c> layout (see <c>configs/</c>):
/// <c>train_dataset</c>, <c>val_dataset</c>, <c>data_norm</c>, <c>model</c>, <c>optimizer</c>, <c>epoch_max</c>,
/// <c>multi_step_lr</c>, <c>epoch_val</c>, <c>epoch_save</c>, plus <c>seed</c>, <c>device</c> (auto, cpu, cuda, cuda:N),
/// <c>workers</c> (data-loading threads), <c>eval_bsize</c> (queries per validation chunk), <c>precision</c>,
/// <c>init_from</c>, <c>ema_decay</c> and <c>budget_lr_decay</c>.
/// Every key is checked: an unknown key or a value of the wrong type is a <see cref="ConfigException"/> naming it.
/// </summary>
internal sealed record TrainConfig
{
    public required TrainDatasetConfig TrainDataset { get; init; }

    public ValDatasetConfig? ValDataset { get; init; }

    public DataNormalization DataNorm { get; init; } = DataNormalization.Default;

    public required ModelSpec Model { get; init; }

    public AdamConfig Optimizer { get; init; } = new();

    public int EpochMax { get; init; } = 1000;

    public MultiStepLrConfig? MultiStepLr { get; init; }

    /// <summary>Validate every this many epochs (0: never).</summary>
    public int EpochVal { get; init; } = 1;

    /// <summary>Save the checkpoint every this many epochs (it is also saved at the end, on a budget end and on Ctrl-C).</summary>
    public int EpochSave { get; init; } = 100;

    public long Seed { get; init; }

    public string Device { get; init; } = "auto";

    public int Workers { get; init; } = 2;

    public int EvalBsize { get; init; } = 30000;

    /// <summary>fp32 (the paper's), tf32 or bf16: see <see cref="TrainingPrecision"/>.</summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Float32;

    /// <summary>A model file (ours or an official .pth) whose weights start the run instead of a random initialisation.</summary>
    public string? InitFrom { get; init; }

    /// <summary>Keep an exponential moving average of the weights with this decay (e.g. 0.999); validate and ship it. Null: none.</summary>
    public double? EmaDecay { get; init; }

    /// <summary>Decay the rate over the last part of each invocation's budget (the any-time schedule). Null: none.</summary>
    public BudgetLrDecay? BudgetLrDecay { get; init; }

    /// <summary>Reads a YAML config file, applies <c>--set key.path=value</c> overrides, and checks it.</summary>
    public static TrainConfig Load(string path, IEnumerable<string>? overrides = null)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"config file '{path}' not found");
        }

        JsonObject tree = YamlTree.Parse(File.ReadAllText(path), Path.GetFileName(path));
        ConfigOverrides.Apply(tree, overrides ?? []);
        return FromTree(tree);
    }

    /// <summary>Parses a YAML text (e.g. the config stored in a checkpoint).</summary>
    public static TrainConfig FromYaml(string yaml, string sourceName) => FromTree(YamlTree.Parse(yaml, sourceName));

    /// <summary>Checks a config tree and fills in defaults. Relative data paths are made absolute (relative to the working folder).</summary>
    public static TrainConfig FromTree(JsonObject tree)
    {
        var root = new ConfigSection(tree, "");
        ConfigSection train = root.Section("train_dataset");
        var trainDataset = new TrainDatasetConfig(
            ReadImageFolder(train.Section("dataset")),
            ReadWrapper(train.Section("wrapper")),
            train.Int("batch_size", 16));
        if (trainDataset.BatchSize < 1)
        {
            throw train.Invalid("batch_size", "must be at least 1");
        }

        train.RejectUnknown();

        ValDatasetConfig? val = root.OptionalSection("val_dataset") is ConfigSection v ? ReadValDataset(v) : null;

        DataNormalization norm = ReadDataNorm(root);

        ModelSpec model = ModelConfigValidator.Validate(root.Section("model"));

        AdamConfig adam = root.OptionalSection("optimizer") is ConfigSection o ? ReadAdam(o) : new AdamConfig();

        MultiStepLrConfig? lr = root.OptionalSection("multi_step_lr") is ConfigSection m ? ReadMultiStepLr(m) : null;

        BudgetLrDecay? budgetDecay = root.OptionalSection("budget_lr_decay") is ConfigSection b ? ReadBudgetLrDecay(b) : null;

        var config = new TrainConfig
        {
            TrainDataset = trainDataset,
            ValDataset = val,
            DataNorm = norm,
            Model = model,
            Optimizer = adam,
            EpochMax = Positive(root, "epoch_max", 1000),
            MultiStepLr = lr,
            EpochVal = NonNegative(root, "epoch_val", 1),
            EpochSave = NonNegative(root, "epoch_save", 100),
            Seed = root.Int("seed", 0),
            Device = root.String("device", "auto"),
            Workers = Positive(root, "workers", 2),
            EvalBsize = Positive(root, "eval_bsize", 30000),
            Precision = ReadPrecision(root),
            InitFrom = root.Has("init_from") ? Path.GetFullPath(root.String("init_from")) : null,
            EmaDecay = root.Has("ema_decay") ? root.Number("ema_decay") : null,
            BudgetLrDecay = budgetDecay,
        };
        if (config.EmaDecay is < 0 or >= 1)
        {
            throw root.Invalid("ema_decay", $"must be at least 0 and below 1 (e.g. 0.999), got {config.EmaDecay}");
        }

        root.Allow("resume", "eval_type");
        root.RejectUnknown();
        if (!ComputeDevice.IsName(config.Device))
        {
            throw root.Invalid("device", $"must be {ComputeDevice.Names}, got '{config.Device}'");
        }

        return config;
    }

    /// <summary>The full config with every default written out, as saved in the run folder and the checkpoint.</summary>
    public JsonObject ToTree()
    {
        ImplicitDownsampledConfig w = TrainDataset.Wrapper;
        var tree = new JsonObject
        {
            ["train_dataset"] = new JsonObject
            {
                ["dataset"] = Folder(TrainDataset.Dataset),
                ["wrapper"] = new JsonObject
                {
                    ["name"] = "sr-implicit-downsampled",
                    ["args"] = new JsonObject
                    {
                        ["inp_size"] = w.InpSize,
                        ["scale_min"] = Num(w.ScaleMin),
                        ["scale_max"] = Num(w.ScaleMax),
                        ["augment"] = w.Augment,
                        ["sample_q"] = w.SampleQ,
                    },
                },
                ["batch_size"] = TrainDataset.BatchSize,
            },
            ["val_dataset"] = ValDataset is null ? null : new JsonObject
            {
                ["dataset"] = Folder(ValDataset.Dataset),
                ["wrapper"] = new JsonObject { ["name"] = "sr-downsampled-whole", ["args"] = new JsonObject { ["scale"] = ValDataset.Scale } },
            },
            ["data_norm"] = DataNorm.ToJson(),
            ["model"] = Model.ToJson(),
            ["optimizer"] = new JsonObject
            {
                ["name"] = "adam",
                ["args"] = new JsonObject
                {
                    ["lr"] = Num(Optimizer.Lr),
                    ["betas"] = new JsonArray(Num(Optimizer.Beta1), Num(Optimizer.Beta2)),
                    ["weight_decay"] = Num(Optimizer.WeightDecay),
                },
            },
            ["epoch_max"] = EpochMax,
            ["multi_step_lr"] = MultiStepLr is null ? null : new JsonObject
            {
                ["milestones"] = new JsonArray(MultiStepLr.Milestones.Select(x => (JsonNode?)x).ToArray()),
                ["gamma"] = Num(MultiStepLr.Gamma),
            },
            ["epoch_val"] = EpochVal,
            ["epoch_save"] = EpochSave,
            ["seed"] = Seed,
            ["device"] = Device,
            ["workers"] = Workers,
            ["eval_bsize"] = EvalBsize,
            ["precision"] = Precision.Name(),
        };
        if (InitFrom is not null)
        {
            tree["init_from"] = InitFrom;
        }

        if (EmaDecay is double ema)
        {
            tree["ema_decay"] = Num(ema);
        }

        if (BudgetLrDecay is BudgetLrDecay b)
        {
            tree["budget_lr_decay"] = new JsonObject { ["fraction"] = Num(b.Fraction), ["floor"] = Num(b.Floor) };
        }

        return (JsonObject)JsonNode.Parse(tree.ToJsonString())!;
    }

    private static TrainingPrecision ReadPrecision(ConfigSection root)
    {
        string name = root.String("precision", "fp32");
        return TrainingPrecisionNames.TryParse(name)
            ?? throw root.Invalid("precision", $"must be one of {string.Join(", ", TrainingPrecisionNames.Names)}, got '{name}'");
    }

    /// <summary>A number as YAML/JSON writes it back (round-trip precision).</summary>
    internal static JsonNode Num(double d) => JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture))!;

    /// <summary>An <c>image-folder</c> dataset section.</summary>
    internal static JsonObject Folder(ImageFolderConfig f) => new()
    {
        ["name"] = "image-folder",
        ["args"] = new JsonObject
        {
            ["root_path"] = f.RootPaths.Count == 1 ? f.RootPaths[0] : new JsonArray(f.RootPaths.Select(p => (JsonNode?)p).ToArray()),
            ["repeat"] = f.Repeat,
            ["cache"] = f.Cache == DatasetCacheMode.InMemory ? "in_memory" : "none",
            ["first_k"] = f.FirstK,
        },
    };

    public string ToYaml() => YamlTree.ToYaml(ToTree());

    /// <summary>A <c>val_dataset</c> section: an image folder and the <c>sr-downsampled-whole</c> wrapper's scale (default <paramref name="defaultScale"/>).</summary>
    internal static ValDatasetConfig ReadValDataset(ConfigSection v, int defaultScale = 4)
    {
        ImageFolderConfig folder = ReadImageFolder(v.Section("dataset"));
        ConfigSection wrapper = v.Section("wrapper");
        ExpectName(wrapper, "sr-downsampled-whole");
        int scale = defaultScale;
        if (wrapper.OptionalSection("args") is ConfigSection wa)
        {
            scale = wa.Int("scale", defaultScale);
            if (scale < 1)
            {
                throw wa.Invalid("scale", "must be at least 1");
            }

            wa.RejectUnknown();
        }

        wrapper.RejectUnknown();
        v.Allow("batch_size");
        v.RejectUnknown();
        return new ValDatasetConfig(folder, scale);
    }

    /// <summary>The optional <c>data_norm</c> section of <paramref name="root"/>.</summary>
    internal static DataNormalization ReadDataNorm(ConfigSection root)
    {
        if (root.OptionalSection("data_norm") is not ConfigSection n)
        {
            return DataNormalization.Default;
        }

        (float[] inpSub, float[] inpDiv) = ReadNorm(n.Section("inp"));
        (float[] gtSub, float[] gtDiv) = ReadNorm(n.Section("gt"));
        n.RejectUnknown();
        return new DataNormalization(inpSub, inpDiv, gtSub, gtDiv);
    }

    /// <summary>An <c>optimizer</c> section (adam, with lr, betas, weight_decay).</summary>
    internal static AdamConfig ReadAdam(ConfigSection o)
    {
        var adam = new AdamConfig();
        ExpectName(o, "adam");
        if (o.OptionalSection("args") is ConfigSection a)
        {
            IReadOnlyList<double> betas = a.Numbers("betas", [0.9, 0.999]);
            if (betas.Count != 2)
            {
                throw a.Invalid("betas", "must be two numbers");
            }

            adam = new AdamConfig(a.Number("lr", 1e-4), betas[0], betas[1], a.Number("weight_decay", 0));
            if (adam.Lr <= 0)
            {
                throw a.Invalid("lr", "must be positive");
            }

            a.RejectUnknown();
        }

        o.RejectUnknown();
        return adam;
    }

    /// <summary>A <c>budget_lr_decay</c> section: fraction [0.25] of the budget, floor [0] of the rate.</summary>
    internal static BudgetLrDecay ReadBudgetLrDecay(ConfigSection b)
    {
        var decay = new BudgetLrDecay(b.Number("fraction", 0.25), b.Number("floor", 0));
        b.RejectUnknown();
        if (decay.Fraction is <= 0 or > 1)
        {
            throw b.Invalid("fraction", $"must be above 0 and at most 1, got {decay.Fraction}");
        }

        if (decay.Floor is < 0 or > 1)
        {
            throw b.Invalid("floor", $"must be between 0 and 1, got {decay.Floor}");
        }

        return decay;
    }

    /// <summary>A <c>multi_step_lr</c> section.</summary>
    internal static MultiStepLrConfig ReadMultiStepLr(ConfigSection m)
    {
        var lr = new MultiStepLrConfig(m.Ints("milestones"), m.Number("gamma"));
        m.RejectUnknown();
        return lr;
    }

    internal static ImageFolderConfig ReadImageFolder(ConfigSection dataset)
    {
        ExpectName(dataset, "image-folder");
        ConfigSection args = dataset.Section("args");
        IReadOnlyList<string> roots = args.Has("root_paths") ? args.Strings("root_paths") : args.Strings("root_path");
        args.Allow("root_path", "root_paths");
        int repeat = args.Int("repeat", 1);
        if (repeat < 1)
        {
            throw args.Invalid("repeat", "must be at least 1");
        }

        string cache = args.String("cache", "in_memory");
        DatasetCacheMode mode = cache switch
        {
            "in_memory" => DatasetCacheMode.InMemory,
            "none" => DatasetCacheMode.None,
            _ => throw args.Invalid("cache", $"must be in_memory or none, got '{cache}'"),
        };
        int? firstK = args.OptionalInt("first_k");
        args.Allow("split_file", "split_key");
        args.RejectUnknown();
        dataset.RejectUnknown();
        return new ImageFolderConfig(roots.Select(r => Path.GetFullPath(r)).ToArray(), repeat, mode, firstK);
    }

    private static ImplicitDownsampledConfig ReadWrapper(ConfigSection wrapper)
    {
        ExpectName(wrapper, "sr-implicit-downsampled");
        var d = new ImplicitDownsampledConfig();
        ConfigSection? a = wrapper.OptionalSection("args");
        wrapper.RejectUnknown();
        if (a is null)
        {
            return d;
        }

        var w = new ImplicitDownsampledConfig(a.Int("inp_size", d.InpSize), a.Number("scale_min", d.ScaleMin),
            a.Number("scale_max", d.ScaleMax), a.Bool("augment", d.Augment), a.Int("sample_q", d.SampleQ));
        a.RejectUnknown();
        if (w.InpSize < 1)
        {
            throw a.Invalid("inp_size", "must be at least 1");
        }

        if (w.ScaleMin < 1 || w.ScaleMax < w.ScaleMin)
        {
            throw a.Invalid("scale_max", $"must be ≥ scale_min ≥ 1 (got scale_min {w.ScaleMin}, scale_max {w.ScaleMax})");
        }

        if (w.SampleQ < 1 || w.SampleQ > w.InpSize * w.InpSize)
        {
            throw a.Invalid("sample_q", $"must be between 1 and inp_size² = {w.InpSize * w.InpSize} (every sample needs that many HR pixels)");
        }

        return w;
    }

    private static (float[] Sub, float[] Div) ReadNorm(ConfigSection s)
    {
        IReadOnlyList<double> sub = s.Numbers("sub", [0.5]), div = s.Numbers("div", [0.5]);
        s.RejectUnknown();
        if (sub.Count is not (1 or 3))
        {
            throw s.Invalid("sub", "must be 1 or 3 numbers");
        }

        if (div.Count is not (1 or 3) || div.Any(x => x == 0))
        {
            throw s.Invalid("div", "must be 1 or 3 non-zero numbers");
        }

        return (DataNormalization.PerChannel(sub), DataNormalization.PerChannel(div));
    }

    internal static void ExpectName(ConfigSection s, string expected)
    {
        string name = s.String("name");
        if (name != expected)
        {
            throw s.Invalid("name", $"must be {expected}, got '{name}'");
        }
    }

    internal static int Positive(ConfigSection s, string key, int fallback)
    {
        int v = s.Int(key, fallback);
        return v >= 1 ? v : throw s.Invalid(key, $"must be at least 1, got {v}");
    }

    internal static int NonNegative(ConfigSection s, string key, int fallback)
    {
        int v = s.Int(key, fallback);
        return v >= 0 ? v : throw s.Invalid(key, $"must be 0 or more, got {v}");
    }
}
