using System.Text.Json.Nodes;
using Liif.Inference;
using Liif.Models;

namespace Liif.Training;

/// <summary>The <c>sr-fixed-scale-paired</c> wrapper's arguments: LR crop side and augmentation (the scale is the model's).</summary>
internal sealed record FixedScaleWrapperConfig(int InpSize = 24, bool Augment = true);

/// <summary>The <c>train_dataset</c> section of a fixed-scale run.</summary>
internal sealed record FixedScaleDatasetConfig(ImageFolderConfig Dataset, FixedScaleWrapperConfig Wrapper, int BatchSize = 16);

/// <summary>
/// The <c>adversarial</c> section (SRGAN): the discriminator, the adversarial weight (10⁻³ in the paper) and the
/// discriminator's Adam.
/// </summary>
internal sealed record AdversarialConfig(ModelSpec Discriminator, double Weight, AdamConfig Optimizer);

/// <summary>
/// A training run of a fixed-scale baseline (<c>srcnn</c>, <c>srresnet</c>; with <c>adversarial</c>, SRGAN), in the
/// layout of the LIIF configs (<see cref="TrainConfig"/>): <c>train_dataset</c> (an image folder and the
/// <c>sr-fixed-scale-paired</c> wrapper: <c>inp_size</c>, <c>augment</c>), <c>val_dataset</c>, <c>data_norm</c>,
/// <c>model</c>, <c>optimizer</c>, <c>epoch_max</c>, <c>multi_step_lr</c>, <c>epoch_val</c>, <c>epoch_save</c>,
/// <c>seed</c>, <c>device</c>, <c>workers</c>, plus <c>content_loss</c> (mse, l1 or vgg54), <c>vgg</c> (a torchvision
/// vgg19 state dict, for vgg54), <c>init_from</c> (a model file whose weights start the run: SRGAN starts from
/// SRResNet) and <c>adversarial</c>. Every key is checked.
/// </summary>
internal sealed record FixedScaleTrainConfig
{
    /// <summary>Model names this config trains.</summary>
    public static readonly IReadOnlyList<string> ModelNames = ["srcnn", "srresnet"];

    public const string WrapperName = "sr-fixed-scale-paired";

    public required FixedScaleDatasetConfig TrainDataset { get; init; }

    public ValDatasetConfig? ValDataset { get; init; }

    public DataNormalization DataNorm { get; init; } = DataNormalization.Default;

    public required ModelSpec Model { get; init; }

    /// <summary>The model's scale (from its spec).</summary>
    public int Scale => Model.Arg("scale", 4);

    public ContentLoss ContentLoss { get; init; } = ContentLoss.Mse;

    /// <summary>A torchvision vgg19 state dict (.pth or .safetensors), for <see cref="ContentLoss.Vgg54"/>.</summary>
    public string? Vgg { get; init; }

    /// <summary>A model file whose weights initialise the network (its spec must equal <see cref="Model"/>).</summary>
    public string? InitFrom { get; init; }

    public AdversarialConfig? Adversarial { get; init; }

    public AdamConfig Optimizer { get; init; } = new();

    public int EpochMax { get; init; } = 100;

    public MultiStepLrConfig? MultiStepLr { get; init; }

    public int EpochVal { get; init; } = 1;

    public int EpochSave { get; init; } = 1;

    public long Seed { get; init; }

    public string Device { get; init; } = "auto";

    public int Workers { get; init; } = 2;

    /// <summary>Whether a config tree is for this trainer (its model is srcnn or srresnet).</summary>
    public static bool Handles(JsonObject tree) =>
        tree["model"] is JsonObject m && m["name"] is JsonValue v && v.TryGetValue(out string? name) && ModelNames.Contains(name);

    /// <summary>Checks a config tree and fills in defaults; relative paths become absolute.</summary>
    public static FixedScaleTrainConfig FromTree(JsonObject tree)
    {
        var root = new ConfigSection(tree, "");
        ModelSpec model = ReadModel(root.Section("model"));
        int scale = model.Arg("scale", 4);

        ConfigSection train = root.Section("train_dataset");
        var trainDataset = new FixedScaleDatasetConfig(TrainConfig.ReadImageFolder(train.Section("dataset")),
            ReadWrapper(train.Section("wrapper")), train.Int("batch_size", 16));
        if (trainDataset.BatchSize < 1)
        {
            throw train.Invalid("batch_size", "must be at least 1");
        }

        train.RejectUnknown();
        ValDatasetConfig? val = root.OptionalSection("val_dataset") is ConfigSection v ? TrainConfig.ReadValDataset(v, scale) : null;
        if (val is not null && val.Scale != scale)
        {
            throw root.Invalid("val_dataset", $"validates at x{val.Scale}, but the model is a x{scale} model");
        }

        string lossName = root.String("content_loss", "mse");
        ContentLoss loss = lossName switch
        {
            "mse" => ContentLoss.Mse,
            "l1" => ContentLoss.L1,
            "vgg54" => ContentLoss.Vgg54,
            _ => throw root.Invalid("content_loss", $"must be mse, l1 or vgg54, got '{lossName}'"),
        };
        string? vgg = root.Has("vgg") ? Path.GetFullPath(root.String("vgg")) : null;
        if (loss == ContentLoss.Vgg54 && vgg is null)
        {
            throw root.Invalid("vgg", "is required by content_loss vgg54: a torchvision vgg19 state dict (.pth or .safetensors)");
        }

        string? initFrom = root.Has("init_from") ? Path.GetFullPath(root.String("init_from")) : null;
        AdversarialConfig? adversarial = root.OptionalSection("adversarial") is ConfigSection a
            ? ReadAdversarial(a, trainDataset.Wrapper.InpSize * scale)
            : null;

        var config = new FixedScaleTrainConfig
        {
            TrainDataset = trainDataset,
            ValDataset = val,
            DataNorm = TrainConfig.ReadDataNorm(root),
            Model = model,
            ContentLoss = loss,
            Vgg = vgg,
            InitFrom = initFrom,
            Adversarial = adversarial,
            Optimizer = root.OptionalSection("optimizer") is ConfigSection o ? TrainConfig.ReadAdam(o) : new AdamConfig(),
            EpochMax = TrainConfig.Positive(root, "epoch_max", 100),
            MultiStepLr = root.OptionalSection("multi_step_lr") is ConfigSection m ? TrainConfig.ReadMultiStepLr(m) : null,
            EpochVal = TrainConfig.NonNegative(root, "epoch_val", 1),
            EpochSave = TrainConfig.NonNegative(root, "epoch_save", 1),
            Seed = root.Int("seed", 0),
            Device = root.String("device", "auto"),
            Workers = TrainConfig.Positive(root, "workers", 2),
        };
        root.Allow("resume");
        root.RejectUnknown();
        if (!ComputeDevice.IsName(config.Device))
        {
            throw root.Invalid("device", $"must be {ComputeDevice.Names}, got '{config.Device}'");
        }

        return config;
    }

    /// <summary>Reads a YAML file with <c>--set</c> overrides.</summary>
    public static FixedScaleTrainConfig Load(string path, IEnumerable<string>? overrides = null)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"config file '{path}' not found");
        }

        JsonObject tree = YamlTree.Parse(File.ReadAllText(path), Path.GetFileName(path));
        ConfigOverrides.Apply(tree, overrides ?? []);
        return FromTree(tree);
    }

    /// <summary>Parses a YAML text (the config stored in a checkpoint).</summary>
    public static FixedScaleTrainConfig FromYaml(string yaml, string sourceName) => FromTree(YamlTree.Parse(yaml, sourceName));

    /// <summary>What the weights will stand for in tables: "SRCNN", "SRResNet", "SRGAN (MSE content loss)", ...</summary>
    public string Method
    {
        get
        {
            string paper = Model.Name == "srcnn" ? "SRCNN" : "SRResNet";
            string content = ContentLoss switch
            {
                ContentLoss.Vgg54 => "VGG54",
                ContentLoss.L1 => "L1",
                _ => "MSE",
            };
            return Adversarial is not null ? $"SRGAN ({content} content loss)"
                : ContentLoss == ContentLoss.Mse ? paper : $"{paper} ({content} loss)";
        }
    }

    /// <summary>The full config with every default written out, as saved in the run folder and the checkpoint.</summary>
    public JsonObject ToTree()
    {
        static JsonObject Adam(AdamConfig a) => new()
        {
            ["name"] = "adam",
            ["args"] = new JsonObject
            {
                ["lr"] = TrainConfig.Num(a.Lr),
                ["betas"] = new JsonArray(TrainConfig.Num(a.Beta1), TrainConfig.Num(a.Beta2)),
                ["weight_decay"] = TrainConfig.Num(a.WeightDecay),
            },
        };

        var tree = new JsonObject
        {
            ["train_dataset"] = new JsonObject
            {
                ["dataset"] = TrainConfig.Folder(TrainDataset.Dataset),
                ["wrapper"] = new JsonObject
                {
                    ["name"] = WrapperName,
                    ["args"] = new JsonObject { ["inp_size"] = TrainDataset.Wrapper.InpSize, ["augment"] = TrainDataset.Wrapper.Augment },
                },
                ["batch_size"] = TrainDataset.BatchSize,
            },
            ["val_dataset"] = ValDataset is null ? null : new JsonObject
            {
                ["dataset"] = TrainConfig.Folder(ValDataset.Dataset),
                ["wrapper"] = new JsonObject { ["name"] = "sr-downsampled-whole", ["args"] = new JsonObject { ["scale"] = ValDataset.Scale } },
            },
            ["data_norm"] = DataNorm.ToJson(),
            ["model"] = Model.ToJson(),
            ["content_loss"] = ContentLoss switch { ContentLoss.L1 => "l1", ContentLoss.Vgg54 => "vgg54", _ => "mse" },
            ["vgg"] = Vgg,
            ["init_from"] = InitFrom,
            ["adversarial"] = Adversarial is null ? null : new JsonObject
            {
                ["discriminator"] = Adversarial.Discriminator.ToJson(),
                ["weight"] = TrainConfig.Num(Adversarial.Weight),
                ["optimizer"] = Adam(Adversarial.Optimizer),
            },
            ["optimizer"] = Adam(Optimizer),
            ["epoch_max"] = EpochMax,
            ["multi_step_lr"] = MultiStepLr is null ? null : new JsonObject
            {
                ["milestones"] = new JsonArray(MultiStepLr.Milestones.Select(x => (JsonNode?)x).ToArray()),
                ["gamma"] = TrainConfig.Num(MultiStepLr.Gamma),
            },
            ["epoch_val"] = EpochVal,
            ["epoch_save"] = EpochSave,
            ["seed"] = Seed,
            ["device"] = Device,
            ["workers"] = Workers,
        };
        foreach (string key in tree.Where(p => p.Value is null).Select(p => p.Key).ToArray())
        {
            tree.Remove(key);
        }

        return (JsonObject)JsonNode.Parse(tree.ToJsonString())!;
    }

    public string ToYaml() => YamlTree.ToYaml(ToTree());

    private static ModelSpec ReadModel(ConfigSection model)
    {
        string name = model.String("name");
        if (!ModelNames.Contains(name))
        {
            throw model.Invalid("name", $"must be {string.Join(" or ", ModelNames)} for this trainer, got '{name}'");
        }

        if (model.OptionalSection("args") is ConfigSection args)
        {
            args.Int("scale", 4);
            if (name == "srresnet")
            {
                args.Int("n_resblocks", 16);
                args.Int("n_feats", 64);
            }

            args.RejectUnknown();
        }

        model.RejectUnknown();
        return ModelConfigValidator.BuildChecked(model);
    }

    private static FixedScaleWrapperConfig ReadWrapper(ConfigSection wrapper)
    {
        TrainConfig.ExpectName(wrapper, WrapperName);
        var d = new FixedScaleWrapperConfig();
        ConfigSection? a = wrapper.OptionalSection("args");
        wrapper.RejectUnknown();
        if (a is null)
        {
            return d;
        }

        var w = new FixedScaleWrapperConfig(a.Int("inp_size", d.InpSize), a.Bool("augment", d.Augment));
        a.RejectUnknown();
        return w.InpSize >= 1 ? w : throw a.Invalid("inp_size", "must be at least 1");
    }

    private static AdversarialConfig ReadAdversarial(ConfigSection a, int hrPatch)
    {
        ModelSpec discriminator = new("srgan-discriminator", new JsonObject { ["patch_size"] = hrPatch });
        if (a.OptionalSection("discriminator") is ConfigSection d)
        {
            TrainConfig.ExpectName(d, "srgan-discriminator");
            int patch = hrPatch;
            if (d.OptionalSection("args") is ConfigSection da)
            {
                patch = da.Int("patch_size", hrPatch);
                da.RejectUnknown();
            }

            d.RejectUnknown();
            if (patch != hrPatch)
            {
                throw d.Invalid("args", $"patch_size {patch} must be the HR crop, inp_size × scale = {hrPatch}");
            }
        }

        if (hrPatch % 16 != 0)
        {
            throw a.Invalid("discriminator", $"judges patches of a multiple of 16 px; the HR crop is {hrPatch} (choose inp_size so inp_size × scale is)");
        }

        double weight = a.Number("weight", 1e-3);
        if (weight < 0)
        {
            throw a.Invalid("weight", "must be 0 or more");
        }

        AdamConfig adam = a.OptionalSection("optimizer") is ConfigSection o ? TrainConfig.ReadAdam(o) : new AdamConfig();
        a.RejectUnknown();
        return new AdversarialConfig(discriminator, weight, adam);
    }
}
