using SkiaSharp;

namespace Liif.Imaging;

/// <summary>Encodes an <see cref="ImageU8"/> to PNG, JPEG or WebP bytes with SkiaSharp.</summary>
internal static class ImageEncoder
{
    /// <summary>Encodes; <paramref name="name"/> is used in error messages.</summary>
    /// <param name="profile">A colour profile to embed (PNG iCCP, JPEG APP2, WebP ICCP); null writes none (sRGB).</param>
    public static byte[] Encode(ImageU8 image, SKEncodedImageFormat format, int quality, string name, ColorProfile? profile = null)
    {
        using SKColorSpace? space = image.Channels == 1 ? null : profile?.ToColorSpace();
        (SKImageInfo info, byte[] pixels) = SkiaPixels.Layout(image, space);
        return SkiaPixels.Pinned(pixels, address =>
        {
            using var pixmap = new SKPixmap(info, address, info.RowBytes);
            using SKData? data = format switch
            {
                SKEncodedImageFormat.Png => pixmap.Encode(new SKPngEncoderOptions()),
                SKEncodedImageFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(quality)),
                SKEncodedImageFormat.Webp => pixmap.Encode(new SKWebpEncoderOptions(
                    quality == 100 ? SKWebpEncoderCompression.Lossless : SKWebpEncoderCompression.Lossy, quality)),
                _ => null,
            };
            return data?.ToArray() ?? throw new ImageFormatException($"cannot encode '{name}' as {format}");
        });
    }
}
