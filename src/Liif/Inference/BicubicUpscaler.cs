namespace Liif.Inference;

/// <summary>The baseline every table starts with: Pillow-compatible bicubic interpolation.</summary>
internal sealed class BicubicUpscaler : IUpscaler
{
    public string Name => "bicubic";

    public ImageU8 Upscale(ImageU8 rgb, int width, int height, IProgress<double>? progress = null)
    {
        ImageU8 result = PilBicubicResize.Resize(rgb, width, height);
        progress?.Report(1.0);
        return result;
    }
}
