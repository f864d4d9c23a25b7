using Liif.Models;
using Liif.Storage;
using static TorchSharp.torch;

namespace Liif.Inference;

/// <summary>Opens what a user names as a model: <c>bicubic</c>, or a model file of either format.</summary>
public static class UpscalerFactory
{
    public const string Bicubic = "bicubic";

    public static IUpscaler Open(string model, Device device, int maxQueries = TiledLiifUpscaler.DefaultMaxQueries,
        DecoderPrecision precision = DecoderPrecision.Float32, int tileSize = TiledLiifUpscaler.DefaultTileSize)
    {
        if (string.Equals(model, Bicubic, StringComparison.OrdinalIgnoreCase))
        {
            return new BicubicUpscaler();
        }

        LoadedModel loaded = ModelLoader.Load(model);
        return loaded.Module switch
        {
            LiifModel liif => new TiledLiifUpscaler(liif, device, maxQueries, $"liif ({loaded.Spec.SubSpec("encoder_spec")?.Name})",
                precision, tileSize, loaded.DataNorm),
            FixedScaleNetwork network => new FixedScaleUpscaler(network, device, BaselineNames.TableName(loaded, network),
                BaselineNames.ShortName(loaded), dataNorm: loaded.DataNorm),
            _ => throw new CheckpointException($"'{Path.GetFileName(model)}' holds a '{loaded.Spec.Name}' model, which cannot upscale"),
        };
    }
}
