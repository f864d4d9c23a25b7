using SkiaSharp;

namespace Liif.Imaging;

/// <summary>
/// Reads and writes image files (PNG, JPEG, WebP, BMP, GIF in; PNG, JPEG, WebP out) with SkiaSharp, as viewers show
/// them: the EXIF orientation is applied, a colour profile other than sRGB is kept for the output
/// (<see cref="ColorProfile"/>), and an animation gives its first frame. Every failure is an
/// <see cref="ImageFormatException"/> with a one-line message.
/// </summary>
internal static class ImageFile
{
    /// <summary>The default of <c>maxPixels</c>: images whose header claims more pixels are refused before any pixel memory is allocated.</summary>
    public const long DefaultMaxPixels = 400_000_000;

    /// <summary>The image of <see cref="Read"/>, for callers that need only the pixels.</summary>
    public static ImageU8 Load(string path, long maxPixels = DefaultMaxPixels) => Read(path, maxPixels).Image;

    /// <summary>
    /// Reads an image file. Gray images the codec reports as gray come back with 1 channel; otherwise the image is
    /// decoded as straight (unpremultiplied) RGBA and returned with 4 channels when some alpha is below 255, else
    /// with 3. Images whose header claims more than <paramref name="maxPixels"/> are refused before decoding.
    /// </summary>
    public static DecodedImage Read(string path, long maxPixels = DefaultMaxPixels)
    {
        if (!File.Exists(path))
        {
            throw new ImageFormatException(Directory.Exists(path) ? $"'{path}' is a folder, not an image" : $"'{path}' not found");
        }

        byte[] bytes = InputFile.ReadAllBytes(path, message => new ImageFormatException(message));

        return Decode(bytes, path, maxPixels);
    }

    /// <summary><see cref="Read"/> for an encoded image held in memory; <paramref name="name"/> is used in error messages.</summary>
    public static DecodedImage Decode(byte[] encoded, string name, long maxPixels = DefaultMaxPixels)
    {
        if (encoded.Length == 0)
        {
            throw new ImageFormatException($"'{name}' is empty");
        }

        if (!LooksLikeAnImage(encoded))
        {
            // Skia answers "incomplete input" for any short unknown file; the signature tells the two cases apart.
            throw new ImageFormatException($"cannot read '{name}': not an image (PNG, JPEG, WebP, BMP or GIF)");
        }

        using var data = SKData.CreateCopy(encoded);
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream, out SKCodecResult createResult) ?? throw Unreadable(createResult, name);
        SKImageInfo header = codec.Info;
        CheckSize(header.Width, header.Height, name, maxPixels);

        bool gray = header.ColorType == SKColorType.Gray8;
        ColorProfile? profile = gray ? null : ColorProfile.Of(header.ColorSpace);
        // Pixels stay in their own colour space when its profile can be kept (no colour space asked: no conversion);
        // one Skia cannot describe by numbers is converted to sRGB.
        bool convert = !gray && profile is null && header.ColorSpace is { IsSrgb: false };
        using SKColorSpace? target = convert ? SKColorSpace.CreateSrgb() : null;
        SKImageInfo info = SkiaPixels.ReadInfo(header.Width, header.Height, gray, target);
        long byteCount = (long)header.Width * header.Height * info.BytesPerPixel;
        if (byteCount > Array.MaxLength)
        {
            throw new ImageFormatException($"image '{name}' is {header.Width}x{header.Height}, too large to decode into one buffer");
        }

        var pixels = new byte[byteCount];
        SKCodecResult result = SkiaPixels.Pinned(pixels, address => codec.GetPixels(info, address));
        if (result != SKCodecResult.Success)
        {
            throw Unreadable(result, name);
        }

        ImageU8 image = ImageOrientation.Upright(SkiaPixels.FromRead(info, pixels), codec.EncodedOrigin);
        return new DecodedImage(image, profile, Math.Max(1, codec.FrameCount), convert);
    }

    /// <summary>Skia's answer for a file it cannot open or decode, in words: a cut-off or damaged file is the usual one.</summary>
    private static ImageFormatException Unreadable(SKCodecResult result, string name) =>
        result is SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput
            ? new ImageFormatException($"'{name}' is truncated or corrupt")
            : new ImageFormatException($"cannot read '{name}': the decoder said {result}");

    /// <summary>
    /// Encodes <paramref name="image"/> in the format its extension names (.png, .jpg/.jpeg, .webp) and writes it
    /// atomically (<see cref="AtomicFile"/>): a failure leaves no partial or temporary file.
    /// </summary>
    public static void Save(ImageU8 image, string path, int quality = 95, ColorProfile? profile = null) =>
        AtomicFile.Write(path, Encode(image, path, quality, profile));

    /// <summary>
    /// <paramref name="image"/> encoded in the format <paramref name="path"/>'s extension names. <paramref name="quality"/>
    /// (1–100) applies to JPEG and WebP; WebP at 100 is lossless. <paramref name="profile"/> is embedded (the input's,
    /// <see cref="DecodedImage.Profile"/>, as PNG iCCP, JPEG APP2 or WebP ICCP); null writes none (sRGB).
    /// </summary>
    public static byte[] Encode(ImageU8 image, string path, int quality = 95, ColorProfile? profile = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        SKEncodedImageFormat format = OutputFormatOf(path);
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
            return data?.ToArray() ?? throw new ImageFormatException($"cannot encode '{path}' as {format}");
        });
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

    /// <summary>Whether the file starts with the signature of a format read here.</summary>
    private static bool LooksLikeAnImage(ReadOnlySpan<byte> b) =>
        b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || b.StartsWith("GIF8"u8)
        || b.StartsWith("BM"u8)
        || (b.StartsWith("RIFF"u8) && b.Length >= 12 && b[8..12].SequenceEqual("WEBP"u8));
}
