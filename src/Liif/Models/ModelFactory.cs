using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Models;

/// <summary>Builds a module from its spec, the official <c>models.make</c>: one registry of names.</summary>
internal static class ModelFactory
{
    /// <summary>Any whole model a model file can hold.</summary>
    public static nn.Module Make(ModelSpec spec) => spec.Name switch
    {
        "liif" => MakeLiif(spec),
        "srcnn" => Srcnn.FromSpec(spec),
        "srresnet" => SrResNet.FromSpec(spec),
        "srgan-discriminator" => SrganDiscriminator.FromSpec(spec),
        _ => throw new ModelSpecException($"unknown model '{spec.Name}' (known: liif, srcnn, srresnet, srgan-discriminator)"),
    };

    /// <summary>A fixed-scale super-resolution network (the baselines: srcnn, srresnet).</summary>
    public static FixedScaleNetwork MakeFixedScale(ModelSpec spec)
    {
        nn.Module module = Make(spec);
        if (module is FixedScaleNetwork network)
        {
            return network;
        }

        module.Dispose();
        throw new ModelSpecException($"'{spec.Name}' is not a fixed-scale super-resolution model (known: srcnn, srresnet)");
    }

    /// <summary>Encoder names and the official defaults each name stands for.</summary>
    public static Encoder MakeEncoder(ModelSpec spec) => spec.Name switch
    {
        "edsr-baseline" => EdsrEncoder.FromSpec(spec),
        "edsr" => new EdsrEncoder(spec.Arg("n_resblocks", 32), spec.Arg("n_feats", 256), spec.Arg("res_scale", 0.1)),
        "rdn" => RdnEncoder.FromSpec(spec),
        _ => throw new ModelSpecException($"unknown encoder '{spec.Name}' (known: edsr-baseline, edsr, rdn)"),
    };

    public static LiifModel MakeLiif(ModelSpec spec)
    {
        if (spec.Name != "liif")
        {
            throw new ModelSpecException($"expected a 'liif' model, got '{spec.Name}'");
        }

        ModelSpec encoderSpec = spec.SubSpec("encoder_spec") ?? throw new ModelSpecException("liif: 'encoder_spec' is missing");
        ModelSpec imnetSpec = spec.SubSpec("imnet_spec") ?? throw new ModelSpecException("liif: 'imnet_spec' is missing (a LIIF without an MLP is not supported)");
        if (imnetSpec.Name != "mlp")
        {
            throw new ModelSpecException($"liif: unknown imnet '{imnetSpec.Name}' (known: mlp)");
        }

        Encoder encoder = MakeEncoder(encoderSpec);
        int[] hidden = imnetSpec.Args["hidden_list"]?.AsArray().Select(n => n!.GetValue<int>()).ToArray() ?? [256, 256, 256, 256];
        if (imnetSpec.Arg("out_dim", 3) != 3)
        {
            throw new ModelSpecException("liif: imnet out_dim must be 3 (RGB)");
        }

        return new LiifModel(encoder, hidden, spec.Arg("local_ensemble", true), spec.Arg("feat_unfold", true), spec.Arg("cell_decode", true));
    }
}
