using System.Runtime.InteropServices;
using SkiaSharp;

namespace Liif.Imaging;

/// <summary>
/// Reads and writes image files (PNG, JPEG, WebP, BMP in; PNG, JPEG, WebP out) with SkiaSharp.
/// Every failure is an <see cref="ImageFormatException"/> with a one-line message.
/// </summary>
public static class ImageFile
{
    /// <summary>The default of <c>maxPixels</c>: images whose header claims more pixels are refused before any pixel memory is allocated.</summary>
    public const long DefaultMaxPixels = 400_000_000;

    /// <summary>
    /// Decodes an image. Gray images the codec reports as gray come back with 1 channel; otherwise the image is
    /// decoded as straight (unpremultiplied) RGBA and returned with 4 channels when some alpha is below 255,
    /// else with 3. No colour management and no EXIF rotation are applied (as Pillow's <c>Image.open</c>).
    /// </summary>
    public static ImageU8 Load(string path, long maxPixels = DefaultMaxPixels)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ImageFormatException($"'{path}' not found");
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageFormatException($"cannot read '{path}': {e.Message}", e);
        }
        return Decode(bytes, path, maxPixels);
    }

    /// <summary>Decodes an encoded image held in memory; <paramref name="name"/> is used in error messages.</summary>
    public static ImageU8 Decode(byte[] encoded, string name, long maxPixels = DefaultMaxPixels)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length == 0)
        {
            throw new ImageFormatException($"'{name}' is empty");
        }
        using var data = SKData.CreateCopy(encoded);
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream, out SKCodecResult createResult);
        if (codec is null)
        {
            throw createResult == SKCodecResult.IncompleteInput
                ? new ImageFormatException($"'{name}' is truncated or corrupt")
                : new ImageFormatException($"cannot read '{name}': not an image or unsupported format");
        }
        SKImageInfo header = codec.Info;
        CheckSize(header.Width, header.Height, name, maxPixels);

        bool gray = header.ColorType == SKColorType.Gray8;
        int channels = gray ? 1 : 4;
        var info = new SKImageInfo(
            header.Width, header.Height, gray ? SKColorType.Gray8 : SKColorType.Rgba8888,
            gray ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        long byteCount = (long)header.Width * header.Height * channels;
        if (byteCount > Array.MaxLength)
        {
            throw new ImageFormatException(
                $"image '{name}' is {header.Width}x{header.Height}, too large to decode into one buffer");
        }
        var pixels = new byte[byteCount];
        SKCodecResult result;
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }
        switch (result)
        {
            case SKCodecResult.Success:
                break;
            case SKCodecResult.IncompleteInput:
            case SKCodecResult.ErrorInInput:
                throw new ImageFormatException($"'{name}' is truncated or corrupt");
            default:
                throw new ImageFormatException($"cannot read '{name}': decoder said {result}");
        }

        var rgba = new ImageU8(header.Width, header.Height, channels, pixels);
        return gray || HasTransparency(pixels) ? rgba : rgba.ToRgb();
    }

    /// <summary>
    /// Encodes <paramref name="image"/> in the format its extension names (.png, .jpg/.jpeg, .webp) and writes it
    /// atomically: to a temporary file in the same folder, renamed over <paramref name="path"/> once complete.
    /// <paramref name="quality"/> (1–100) applies to JPEG and WebP; WebP at 100 is lossless.
    /// </summary>
    public static void Save(ImageU8 image, string path, int quality = 95)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);

        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            string shown = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : folder;
            throw new ImageFormatException($"output folder '{shown}' does not exist");
        }
        byte[] encoded = ImageEncoder.Encode(image, OutputFormatOf(path), quality, path);

        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(temp, encoded);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new ImageFormatException($"cannot write '{path}': {e.Message}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The output format for a file name's extension, or an error for an unsupported one.</summary>
    public static SKEncodedImageFormat OutputFormatOf(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".png" => SKEncodedImageFormat.Png,
            ".jpg" or ".jpeg" => SKEncodedImageFormat.Jpeg,
            ".webp" => SKEncodedImageFormat.Webp,
            _ => throw new ImageFormatException(
                $"unsupported output format '{ext}' for '{path}' (use .png, .jpg, .jpeg or .webp)"),
        };
    }

    private static void CheckSize(int width, int height, string name, long maxPixels)
    {
        long pixels = (long)width * height;
        if (width <= 0 || height <= 0)
        {
            throw new ImageFormatException($"'{name}' is truncated or corrupt");
        }
        if (pixels > maxPixels)
        {
            throw new ImageFormatException(
                $"image '{name}' is {width}x{height} ({Megapixels.Format(pixels)}), above the {Megapixels.Format(maxPixels)} limit");
        }
    }

    private static bool HasTransparency(byte[] rgba)
    {
        for (int i = 3; i < rgba.Length; i += 4)
        {
            if (rgba[i] != 255)
            {
                return true;
            }
        }
        return false;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
