using System.Runtime.InteropServices;
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
        // Skia has no packed 3-byte RGB colour type: RGB goes out as opaque RGBA, gray as Gray8.
        ImageU8 source = image.Channels == 3 ? image.WithAlpha(Opaque(image.Width, image.Height)) : image;
        SKImageInfo info = image.Channels switch
        {
            1 => new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque),
            3 => new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque, space),
            _ => new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul, space),
        };
        var handle = GCHandle.Alloc(source.Pixels, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), info.RowBytes);
            using SKData? data = format switch
            {
                SKEncodedImageFormat.Png => pixmap.Encode(new SKPngEncoderOptions()),
                SKEncodedImageFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(quality)),
                SKEncodedImageFormat.Webp => pixmap.Encode(new SKWebpEncoderOptions(
                    quality == 100 ? SKWebpEncoderCompression.Lossless : SKWebpEncoderCompression.Lossy, quality)),
                _ => null,
            };
            if (data is null)
            {
                throw new ImageFormatException($"cannot encode '{name}' as {format}");
            }
            return data.ToArray();
        }
        finally
        {
            handle.Free();
        }
    }

    private static ImageU8 Opaque(int width, int height)
    {
        var alpha = new byte[width * height];
        Array.Fill(alpha, (byte)255);
        return new ImageU8(width, height, 1, alpha);
    }
}
