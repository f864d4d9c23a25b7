namespace Liif;

/// <summary>
/// An 8-bit image with interleaved channels, stored row-major as height × width × channels.
/// Channels is 1 (gray), 3 (RGB) or 4 (RGBA, straight — not premultiplied — alpha).
/// </summary>
public sealed class ImageU8
{
    /// <summary>Creates an image over an existing pixel buffer (not copied).</summary>
    public ImageU8(int width, int height, int channels, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (channels is not (1 or 3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1, 3 or 4");
        }
        ArgumentNullException.ThrowIfNull(pixels);
        long expected = (long)width * height * channels;
        if (pixels.LongLength != expected)
        {
            throw new ArgumentException(
                $"a {width}x{height}x{channels} image needs {expected} bytes, got {pixels.LongLength}", nameof(pixels));
        }
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>Creates a zero-filled image.</summary>
    internal ImageU8(int width, int height, int channels)
        : this(width, height, channels, new byte[checked(width * height * channels)])
    {
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Number of interleaved channels: 1, 3 or 4.</summary>
    public int Channels { get; }

    /// <summary>The pixels, row-major, channels interleaved (HWC).</summary>
    public byte[] Pixels { get; }

    /// <summary>Whether the image has an alpha channel (4 channels).</summary>
    internal bool HasAlpha => Channels == 4;

    /// <summary>The byte at (x, y, channel).</summary>
    internal byte this[int x, int y, int channel] => Pixels[(y * Width + x) * Channels + channel];

    /// <summary>
    /// The image as 3-channel RGB: gray is replicated, RGBA drops its alpha, RGB is returned as is (not copied).
    /// </summary>
    internal ImageU8 ToRgb()
    {
        if (Channels == 3)
        {
            return this;
        }
        var rgb = new byte[checked(Width * Height * 3)];
        int n = Width * Height;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                rgb[3 * i + k] = Pixels[i * Channels + (Channels == 1 ? 0 : k)];
            }
        }
        return new ImageU8(Width, Height, 3, rgb);
    }

    /// <summary>Whether the image is gray: 1 channel, or R = G = B in every pixel (alpha aside).</summary>
    internal bool IsGray()
    {
        for (int i = 0; Channels > 1 && i < Pixels.Length; i += Channels)
        {
            if (Pixels[i] != Pixels[i + 1] || Pixels[i] != Pixels[i + 2])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The mean of each pixel's colour channels, rounded, as a 1-channel image.</summary>
    internal ImageU8 ChannelMean()
    {
        if (Channels == 1)
        {
            return this;
        }

        var gray = new byte[(long)Width * Height];
        for (long i = 0; i < gray.LongLength; i++)
        {
            gray[i] = (byte)((Pixels[i * Channels] + Pixels[i * Channels + 1] + Pixels[i * Channels + 2] + 1) / 3);
        }

        return new ImageU8(Width, Height, 1, gray);
    }

    /// <summary>The alpha plane as a 1-channel image, or null when the image has no alpha.</summary>
    internal ImageU8? Alpha()
    {
        if (Channels != 4)
        {
            return null;
        }
        int n = Width * Height;
        var alpha = new byte[n];
        for (int i = 0; i < n; i++)
        {
            alpha[i] = Pixels[4 * i + 3];
        }
        return new ImageU8(Width, Height, 1, alpha);
    }

    /// <summary>
    /// This image's colour (as RGB) with the given 1-channel plane as alpha; the sizes must match.
    /// </summary>
    internal ImageU8 WithAlpha(ImageU8 alpha)
    {
        if (alpha.Channels != 1)
        {
            throw new ArgumentException($"alpha must have 1 channel, got {alpha.Channels}", nameof(alpha));
        }
        if (alpha.Width != Width || alpha.Height != Height)
        {
            throw new ArgumentException(
                $"alpha is {alpha.Width}x{alpha.Height} but the image is {Width}x{Height}", nameof(alpha));
        }
        ImageU8 rgb = ToRgb();
        int n = Width * Height;
        var rgba = new byte[checked(n * 4)];
        for (int i = 0; i < n; i++)
        {
            rgba[4 * i] = rgb.Pixels[3 * i];
            rgba[4 * i + 1] = rgb.Pixels[3 * i + 1];
            rgba[4 * i + 2] = rgb.Pixels[3 * i + 2];
            rgba[4 * i + 3] = alpha.Pixels[i];
        }
        return new ImageU8(Width, Height, 4, rgba);
    }

    /// <summary>A copy of the rectangle at (x, y) of size w × h, which must lie inside the image.</summary>
    internal ImageU8 Crop(int x, int y, int w, int h)
    {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > Width || y + h > Height)
        {
            throw new ArgumentOutOfRangeException(
                nameof(x), $"crop ({x},{y}) {w}x{h} is not inside the {Width}x{Height} image");
        }
        var pixels = new byte[checked(w * h * Channels)];
        int rowBytes = w * Channels;
        for (int row = 0; row < h; row++)
        {
            Buffer.BlockCopy(Pixels, ((y + row) * Width + x) * Channels, pixels, row * rowBytes, rowBytes);
        }
        return new ImageU8(w, h, Channels, pixels);
    }
}
