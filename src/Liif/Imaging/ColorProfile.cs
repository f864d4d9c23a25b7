using SkiaSharp;

namespace Liif.Imaging;

/// <summary>
/// An image file's RGB colour space other than sRGB (Display P3, Adobe RGB ...), as a transfer function and a
/// matrix to the XYZ D50 connection space: what Skia reads from an embedded ICC profile and writes back into PNG,
/// JPEG and WebP. Outputs carry their input's profile, so a wide-gamut photo keeps its colours (converting to sRGB
/// would clip what sRGB cannot show).
/// </summary>
internal sealed record ColorProfile(SKColorSpaceTransferFn TransferFn, SKColorSpaceXyz ToXyzD50)
{
    /// <summary>The profile of <paramref name="space"/>, or null for sRGB and for spaces Skia cannot describe by numbers.</summary>
    public static ColorProfile? Of(SKColorSpace? space)
    {
        if (space is null || space.IsSrgb || !space.GetNumericalTransferFunction(out SKColorSpaceTransferFn fn)
            || !space.ToColorSpaceXyz(out SKColorSpaceXyz xyz))
        {
            return null;
        }

        return new ColorProfile(fn, xyz);
    }

    public SKColorSpace ToColorSpace() => SKColorSpace.CreateRgb(TransferFn, ToXyzD50);
}
