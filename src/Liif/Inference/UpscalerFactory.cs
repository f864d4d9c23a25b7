namespace Liif.Inference;

/// <summary>
/// Opens what a user names as a model: <c>bicubic</c>, or a model file of either format. Settings left null take
/// the device's defaults (<see cref="TiledLiifUpscaler.DefaultMaxQueriesOn"/>, <see cref="DecoderPrecisionParsing.AutoOn"/>,
/// <see cref="TiledLiifUpscaler.DefaultTileSizeOn"/>).
/// </summary>
internal static class UpscalerFactory
{
    public const string Bicubic = "bicubic";

    public static IUpscaler Open(string model, Device device, int? maxQueries = null, DecoderPrecision? precision = null, int? tileSize = null)
    {
        if (string.Equals(model, Bicubic, StringComparison.OrdinalIgnoreCase))
        {
            return new BicubicUpscaler();
        }

        return Open(ModelLoader.Load(model), device, maxQueries, precision, tileSize);
    }

    /// <summary>The upscaler of a loaded model; it runs <paramref name="loaded"/>'s module, so disposing that ends it.</summary>
    public static IUpscaler Open(LoadedModel loaded, Device device, int? maxQueries = null, DecoderPrecision? precision = null, int? tileSize = null) =>
        loaded.Module switch
        {
            LiifModel liif => new TiledLiifUpscaler(liif, device, maxQueries ?? TiledLiifUpscaler.DefaultMaxQueriesOn(device),
                $"liif ({loaded.Spec.SubSpec("encoder_spec")?.Name})", precision ?? DecoderPrecisionParsing.AutoOn(device),
                tileSize ?? TiledLiifUpscaler.DefaultTileSizeOn(device), loaded.DataNorm),
            FixedScaleNetwork network => FixedScale(loaded, network, device),
            _ => throw new CheckpointException($"'{Path.GetFileName(loaded.Path)}' holds a '{loaded.Spec.Name}' model, which cannot upscale"),
        };

    /// <summary>
    /// Named by the provenance's method when the file has one (an <c>srresnet</c> module may be SRResNet or the SRGAN
    /// generator), else by the architecture's paper name: "SRGAN (MSE content loss) x4" in tables, "srgan" in messages.
    /// </summary>
    private static FixedScaleUpscaler FixedScale(LoadedModel loaded, FixedScaleNetwork network, Device device)
    {
        string method = loaded.Provenance.Method ?? loaded.Spec.Name switch
        {
            "srcnn" => "SRCNN",
            "srresnet" => "SRResNet",
            string name => name,
        };
        return new FixedScaleUpscaler(network, device, method, dataNorm: loaded.DataNorm);
    }
}
