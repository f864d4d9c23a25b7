namespace Liif.Models;

/// <summary>
/// Builds a module from its spec, the official <c>models.make</c>: one registry of names, and the one place that
/// knows each model's arguments (their names, types, defaults and limits are the records below, which are the
/// official constructors' parameters). Arguments are read strictly (<see cref="StrictJson"/>): a typo or a value of
/// the wrong type is a <see cref="ModelSpecException"/> naming its key path below <c>at</c>, the spec's own path
/// (<c>model</c> in a config).
/// </summary>
internal static class ModelFactory
{
    /// <summary>The models a spec can name.</summary>
    public static readonly IReadOnlyList<string> Names = ["liif", "srcnn", "srresnet", "srgan-discriminator"];

    /// <summary>The fixed-scale super-resolution networks (the baselines).</summary>
    public static readonly IReadOnlyList<string> FixedScaleNames = ["srcnn", "srresnet"];

    /// <summary>Any whole model a model file can hold.</summary>
    public static nn.Module Make(ModelSpec spec, string at = "model") => Args(spec, at) switch
    {
        LiifArgs a => new LiifModel(MakeEncoder(a.EncoderSpec, $"{at}.args.encoder_spec"), ImnetArgs(a.ImnetSpec, $"{at}.args.imnet_spec").HiddenList,
            a.LocalEnsemble, a.FeatUnfold, a.CellDecode),
        SrcnnArgs a => new Srcnn(a.Scale),
        SrResNetArgs a => new SrResNet(a.Scale, a.NResblocks, a.NFeats),
        DiscriminatorArgs a => new SrganDiscriminator(a.PatchSize),
        _ => throw new InvalidOperationException($"no constructor for '{spec.Name}'"),
    };

    /// <summary>Checks a spec's names and arguments, all the way down, without building it.</summary>
    public static void Check(ModelSpec spec, string at = "model")
    {
        if (Args(spec, at) is LiifArgs a)
        {
            EncoderArgs(a.EncoderSpec, $"{at}.args.encoder_spec");
            ImnetArgs(a.ImnetSpec, $"{at}.args.imnet_spec");
        }
    }

    /// <summary>The scale a fixed-scale network makes (from its arguments); null for any other model.</summary>
    public static int? ScaleOf(ModelSpec spec) => Args(spec, "model") switch
    {
        SrcnnArgs a => a.Scale,
        SrResNetArgs a => a.Scale,
        _ => null,
    };

    /// <summary>The patch side a discriminator judges; null for any other model.</summary>
    public static int? PatchSizeOf(ModelSpec spec) => Args(spec, "model") is DiscriminatorArgs a ? a.PatchSize : null;

    /// <summary>Encoder names and the official defaults each name stands for.</summary>
    public static Encoder MakeEncoder(ModelSpec spec, string at = "encoder_spec")
    {
        return EncoderArgs(spec, at) switch
        {
            EdsrArgs e when spec.Name == "edsr" => new EdsrEncoder(e.NResblocks ?? 32, e.NFeats ?? 256, e.ResScale ?? 0.1),
            EdsrArgs e => new EdsrEncoder(e.NResblocks ?? 16, e.NFeats ?? 64, e.ResScale ?? 1),
            RdnArgs r => new RdnEncoder(r.G0, r.RdnKSize, r.RdnConfig),
            _ => throw new InvalidOperationException(),
        };
    }

    private static ICheckedArgs Args(ModelSpec spec, string at) => spec.Name switch
    {
        "liif" => Read<LiifArgs>(spec, at),
        "srcnn" => Read<SrcnnArgs>(spec, at),
        "srresnet" => Read<SrResNetArgs>(spec, at),
        "srgan-discriminator" => Read<DiscriminatorArgs>(spec, at),
        _ => throw Unknown(at, "model", spec.Name, Names),
    };

    private static IEncoderArgs EncoderArgs(ModelSpec spec, string at)
    {
        IEncoderArgs args = spec.Name switch
        {
            "edsr-baseline" or "edsr" => Read<EdsrArgs>(spec, at),
            "rdn" => Read<RdnArgs>(spec, at),
            _ => throw Unknown(at, "encoder", spec.Name, ["edsr-baseline", "edsr", "rdn"]),
        };
        if (!args.NoUpsampling)
        {
            throw new ModelSpecException($"'{at}.args.no_upsampling' must be true (LIIF decodes the feature map itself)");
        }

        return args.NColors == 3 ? args : throw new ModelSpecException($"'{at}.args.n_colors' must be 3 (RGB)");
    }

    private static MlpArgs ImnetArgs(ModelSpec spec, string at) => spec.Name == "mlp"
        ? Read<MlpArgs>(spec, at)
        : throw Unknown(at, "imnet", spec.Name, ["mlp"]);

    private static T Read<T>(ModelSpec spec, string at) where T : ICheckedArgs
    {
        T args = StrictJson.Deserialize<T>(spec.Args, $"{at}.args", message => new ModelSpecException(message));
        return args.Problem() is (string key, string why) ? throw new ModelSpecException($"'{at}.args.{key}' {why}") : args;
    }

    private static ModelSpecException Unknown(string at, string what, string name, IReadOnlyList<string> known) =>
        new($"'{at}.name' is an unknown {what} '{name}' (known: {string.Join(", ", known)})");

    /// <summary>A model's arguments, which can say what is wrong with them: the key and why.</summary>
    private interface ICheckedArgs
    {
        (string Key, string Why)? Problem() => null;
    }

    private interface IEncoderArgs : ICheckedArgs
    {
        bool NoUpsampling { get; }

        int NColors { get; }
    }

    /// <summary><c>make_liif</c>: a LIIF needs its MLP here (the official code allows none).</summary>
    private sealed record LiifArgs(ModelSpec EncoderSpec, ModelSpec ImnetSpec, bool LocalEnsemble = true, bool FeatUnfold = true,
        bool CellDecode = true) : ICheckedArgs;

    /// <summary><c>make_edsr_baseline</c> (16, 64, 1) and <c>make_edsr</c> (32, 256, 0.1): the name picks the defaults.</summary>
    private sealed record EdsrArgs(int? NResblocks = null, int? NFeats = null, double? ResScale = null, int Scale = 2, double RgbRange = 1,
        int NColors = 3, bool NoUpsampling = false) : IEncoderArgs
    {
        public (string Key, string Why)? Problem() =>
            ConfigRule.Fails(NResblocks < 1, "n_resblocks", "must be at least 1") ?? ConfigRule.Fails(NFeats < 1, "n_feats", "must be at least 1");
    }

    /// <summary><c>make_rdn</c>.</summary>
    private sealed record RdnArgs(
        [property: JsonPropertyName("G0")] int G0 = 64,
        [property: JsonPropertyName("RDNkSize")] int RdnKSize = 3,
        [property: JsonPropertyName("RDNconfig")] string RdnConfig = "B",
        int Scale = 2, double RgbRange = 1, int NColors = 3, bool NoUpsampling = false) : IEncoderArgs
    {
        public (string Key, string Why)? Problem() => ConfigRule.Fails(RdnConfig is not ("A" or "B"), "RDNconfig", $"must be A or B, got '{RdnConfig}'");
    }

    /// <summary><c>mlp</c>: in_dim is LIIF's to set; the output is RGB.</summary>
    private sealed record MlpArgs(IReadOnlyList<int>? HiddenList = null, int OutDim = 3, int? InDim = null) : ICheckedArgs
    {
        public IReadOnlyList<int> HiddenList { get; init; } = HiddenList ?? [256, 256, 256, 256];

        public (string Key, string Why)? Problem() =>
            ConfigRule.Fails(OutDim != 3, "out_dim", "must be 3 (RGB)") ?? ConfigRule.Fails(HiddenList.Any(h => h < 1), "hidden_list", "must list positive widths");
    }

    private sealed record SrcnnArgs(int Scale = 4) : ICheckedArgs
    {
        public (string Key, string Why)? Problem() => ConfigRule.Fails(Scale < 1, "scale", $"must be a whole number ≥ 1, got {Scale}");
    }

    private sealed record SrResNetArgs(int Scale = 4, int NResblocks = 16, int NFeats = 64) : ICheckedArgs
    {
        public (string Key, string Why)? Problem() =>
            ConfigRule.Fails(SrResNet.UpsampleFactors(Scale) is null, "scale", SrResNet.Unsupported(Scale))
            ?? ConfigRule.Fails(NResblocks < 1, "n_resblocks", "must be at least 1") ?? ConfigRule.Fails(NFeats < 1, "n_feats", "must be at least 1");
    }

    private sealed record DiscriminatorArgs(int PatchSize = 96) : ICheckedArgs
    {
        public (string Key, string Why)? Problem() =>
            ConfigRule.Fails(PatchSize < 16 || PatchSize % 16 != 0, "patch_size", $"must be a positive multiple of 16, got {PatchSize}");
    }
}
