using System.Runtime.InteropServices;
using SkiaSharp;

namespace Liif.Imaging;

/// <summary>
/// <see cref="ImageU8"/> in Skia's pixel layouts and back: gray as Gray8, RGB as opaque RGBA (Skia has no packed
/// 3-byte colour type), RGBA as straight (unpremultiplied) RGBA. What the file codecs and <see cref="SKBitmap"/>
/// callers share.
/// </summary>
internal static class SkiaPixels
{
    /// <summary>
    /// The Skia description of <paramref name="image"/> and the pixels in that layout (RGB gains an opaque alpha;
    /// the others are the image's own buffer). <paramref name="space"/> is the colours' space; gray has none.
    /// </summary>
    public static (SKImageInfo Info, byte[] Pixels) Layout(ImageU8 image, SKColorSpace? space)
    {
        SKImageInfo info = image.Channels == 3
            ? new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque, space)
            : ReadInfo(image.Width, image.Height, image.Channels == 1, space);
        return (info, image.Channels == 3 ? image.WithAlpha(Opaque(image.Width, image.Height)).Pixels : image.Pixels);
    }

    /// <summary>The layout pixels are read out of Skia in: Gray8 for gray, else straight RGBA in <paramref name="space"/>.</summary>
    public static SKImageInfo ReadInfo(int width, int height, bool gray, SKColorSpace? space) => gray
        ? new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque)
        : new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul, space);

    /// <summary>Pixels read in <see cref="ReadInfo"/>'s layout as an image: gray has 1 channel, RGBA 4 when some alpha
    /// is below 255, else 3.</summary>
    public static ImageU8 FromRead(SKImageInfo info, byte[] pixels)
    {
        if (info.ColorType == SKColorType.Gray8)
        {
            return new ImageU8(info.Width, info.Height, 1, pixels);
        }

        var image = new ImageU8(info.Width, info.Height, 4, pixels);
        for (int i = 3; i < pixels.Length; i += 4)
        {
            if (pixels[i] != 255)
            {
                return image;
            }
        }

        return image.ToRgb();
    }

    /// <summary>
    /// A bitmap's pixels, in its own colour space: a Gray8 bitmap gives 1 channel, any other colour type is read as
    /// straight RGBA (<see cref="FromRead"/>).
    /// </summary>
    public static ImageU8 FromBitmap(SKBitmap bitmap)
    {
        SKImageInfo info = ReadInfo(bitmap.Width, bitmap.Height, bitmap.ColorType == SKColorType.Gray8, bitmap.ColorSpace);
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new ImageFormatException("the bitmap is empty");
        }

        var pixels = new byte[(long)info.Width * info.Height * info.BytesPerPixel];
        using SKPixmap? source = bitmap.PeekPixels();
        if (source is null || !Pinned(pixels, address => source.ReadPixels(info, address, info.RowBytes)))
        {
            throw new ImageFormatException($"cannot read the pixels of a {bitmap.ColorType} bitmap");
        }

        return FromRead(info, pixels);
    }

    /// <summary>A new bitmap holding a copy of <paramref name="image"/>, its colours in <paramref name="space"/>.</summary>
    public static SKBitmap ToBitmap(ImageU8 image, SKColorSpace? space)
    {
        (SKImageInfo info, byte[] pixels) = Layout(image, space);
        var bitmap = new SKBitmap(info);
        try
        {
            Pinned(pixels, address =>
            {
                using var source = new SKPixmap(info, address, info.RowBytes);
                return source.ReadPixels(bitmap.Info, bitmap.GetPixels(), bitmap.RowBytes) ? true
                    : throw new InvalidOperationException($"Skia did not copy a {info.ColorType} image into its bitmap");
            });
            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="use"/> with the address of <paramref name="pixels"/>, pinned meanwhile.</summary>
    public static T Pinned<T>(byte[] pixels, Func<IntPtr, T> use)
    {
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            return use(handle.AddrOfPinnedObject());
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
