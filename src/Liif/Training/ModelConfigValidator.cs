using Liif.Models;

namespace Liif.Training;

/// <summary>
/// Checks the <c>model</c> section of a training config key by key (names, argument names, argument types), so a typo
/// is reported with its full key path instead of being silently ignored, then builds the model once to check the
/// combination. The argument lists are the official constructors' parameters.
/// </summary>
internal static class ModelConfigValidator
{
    public static ModelSpec Validate(ConfigSection model)
    {
        string name = model.String("name");
        if (name != "liif")
        {
            throw model.Invalid("name", $"must be liif (the model this trainer trains), got '{name}'");
        }

        ConfigSection args = model.OptionalSection("args") ?? throw model.Invalid("args", "is missing");
        CheckEncoder(args.Section("encoder_spec"));
        CheckImnet(args.Section("imnet_spec"));
        args.Bool("local_ensemble", true);
        args.Bool("feat_unfold", true);
        args.Bool("cell_decode", true);
        args.RejectUnknown();
        model.RejectUnknown();
        return BuildChecked(model);
    }

    /// <summary>The spec of a checked model section, built once so that a bad combination is a config error naming the key.</summary>
    internal static ModelSpec BuildChecked(ConfigSection model)
    {
        ModelSpec spec = ModelSpec.FromJson(model.Node);
        try
        {
            using var module = ModelFactory.Make(spec);
        }
        catch (ModelSpecException e)
        {
            throw new ConfigException($"config: '{model.Path}': {e.Message}", e);
        }

        return spec;
    }

    private static void CheckEncoder(ConfigSection encoder)
    {
        string name = encoder.String("name");
        ConfigSection? args = encoder.OptionalSection("args");
        switch (name)
        {
            case "edsr-baseline" or "edsr":
                args?.Int("n_resblocks", 0);
                args?.Int("n_feats", 0);
                args?.Number("res_scale", 0);
                break;
            case "rdn":
                args?.Int("G0", 0);
                args?.Int("RDNkSize", 0);
                args?.String("RDNconfig", "");
                break;
            default:
                throw encoder.Invalid("name", $"is an unknown encoder '{name}' (known: edsr-baseline, edsr, rdn)");
        }

        if (args is not null)
        {
            args.Int("scale", 0);
            args.Number("rgb_range", 0);
            args.Int("n_colors", 3);
            if (!args.Bool("no_upsampling", false))
            {
                throw args.Invalid("no_upsampling", "must be true (LIIF decodes the feature map itself)");
            }

            args.RejectUnknown();
        }

        encoder.RejectUnknown();
    }

    private static void CheckImnet(ConfigSection imnet)
    {
        string name = imnet.String("name");
        if (name != "mlp")
        {
            throw imnet.Invalid("name", $"is an unknown imnet '{name}' (known: mlp)");
        }

        if (imnet.OptionalSection("args") is ConfigSection args)
        {
            if (args.Int("out_dim", 3) != 3)
            {
                throw args.Invalid("out_dim", "must be 3 (RGB)");
            }

            if (args.Ints("hidden_list", [256, 256, 256, 256]).Any(h => h < 1))
            {
                throw args.Invalid("hidden_list", "must list positive widths");
            }

            args.Allow("in_dim");
            args.RejectUnknown();
        }

        imnet.RejectUnknown();
    }
}
