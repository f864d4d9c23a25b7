using SkiaSharp;

namespace Liif.Imaging;

/// <summary>
/// Turns pixels stored in an EXIF orientation (a phone's sensor rows) into the upright image viewers show. Skia's
/// codec reports the orientation but decodes the stored rows as they are.
/// </summary>
internal static class ImageOrientation
{
    public static ImageU8 Upright(ImageU8 image, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft)
        {
            return image;
        }

        int w = image.Width, h = image.Height, c = image.Channels;
        bool swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int outW = swap ? h : w, outH = swap ? w : h;
        var result = new ImageU8(outW, outH, c);
        for (int y = 0; y < outH; y++)
        {
            for (int x = 0; x < outW; x++)
            {
                // The stored pixel that shows at (x, y).
                (int sx, int sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),              // 2: mirrored
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),   // 3: rotated 180°
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),            // 4: flipped
                    SKEncodedOrigin.LeftTop => (y, x),                       // 5: transposed
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),              // 6: shown rotated 90° clockwise
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),   // 7: transversed
                    SKEncodedOrigin.LeftBottom => (w - 1 - y, x),            // 8: shown rotated 90° counter-clockwise
                    _ => (x, y),
                };
                Array.Copy(image.Pixels, ((long)sy * w + sx) * c, result.Pixels, ((long)y * outW + x) * c, c);
            }
        }

        return result;
    }
}
