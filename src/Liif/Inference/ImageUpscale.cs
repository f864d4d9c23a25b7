using Liif.Imaging;

namespace Liif.Inference;

/// <summary>
/// Upscales a decoded image of any channel count (gray, RGB, RGBA) as the tool's users get it: the colour by the
/// upscaler (gray becomes RGB), and an alpha plane, which models do not learn, interpolated on its own (Pillow
/// bicubic) and kept, unless <c>keepAlpha</c> is false (an output format without transparency, JPEG).
/// </summary>
public static class ImageUpscale
{
    public static ImageU8 Run(IUpscaler upscaler, ImageU8 image, int width, int height, IProgress<double>? progress = null, bool keepAlpha = true)
    {
        ArgumentNullException.ThrowIfNull(upscaler);
        ArgumentNullException.ThrowIfNull(image);
        ImageU8 result = upscaler.Upscale(image.ToRgb(), width, height, progress);
        return keepAlpha && image.Alpha() is ImageU8 alpha ? result.WithAlpha(PilBicubicResize.Resize(alpha, width, height)) : result;
    }
}
