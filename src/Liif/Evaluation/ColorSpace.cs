namespace Liif.Evaluation;

/// <summary>Luma as the SR benchmarks compute it (ITU-R BT.601, studio range), and the planes the metrics compare.</summary>
internal static class ColorSpace
{
    /// <summary>
    /// Y of every pixel on the 0–255 scale: 16 + (65.738 R + 129.057 G + 25.064 B) / 256 with R, G, B in 0..255
    /// (so Y spans 16–235). Gray and RGBA images are taken as RGB (gray replicated, alpha ignored).
    /// Returned row-major, width × height values.
    /// </summary>
    public static double[] ToY(ImageU8 image)
    {
        ImageU8 rgb = image.ToRgb();
        int n = rgb.Width * rgb.Height;
        var y = new double[n];
        byte[] p = rgb.Pixels;
        double wr = 65.738 / 256, wg = 129.057 / 256, wb = 25.064 / 256;   // the official calc_psnr's weights
        for (int i = 0; i < n; i++)
        {
            y[i] = 16 + wr * p[3 * i] + wg * p[3 * i + 1] + wb * p[3 * i + 2];
        }
        return y;
    }

    /// <summary>
    /// The planes of <paramref name="sr"/> and <paramref name="hr"/> (same size; gray is taken as RGB) that a metric
    /// compares: Y, or with <paramref name="rgb"/> R, G and B, each without the border <paramref name="protocol"/> shaves
    /// at <paramref name="scale"/>.
    /// </summary>
    internal static (Plane[] Sr, Plane[] Hr) Compared(ImageU8 sr, ImageU8 hr, double scale, EvalProtocol protocol, bool rgb)
    {
        if (sr.Width != hr.Width || sr.Height != hr.Height)
        {
            throw new ArgumentException(
                $"SR is {sr.Width}x{sr.Height} but HR is {hr.Width}x{hr.Height}; metrics need the same size");
        }

        int shave = protocol.Shave(scale);
        Plane[] Shaved(ImageU8 image) =>
            (rgb ? RgbPlanes(image) : [new Plane(image.Width, image.Height, ToY(image))]).Select(p => p.Shave(shave)).ToArray();
        return (Shaved(sr), Shaved(hr));
    }

    private static Plane[] RgbPlanes(ImageU8 image)
    {
        ImageU8 rgb = image.ToRgb();
        int n = rgb.Width * rgb.Height;
        var planes = new Plane[3];
        for (int c = 0; c < 3; c++)
        {
            var values = new double[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = rgb.Pixels[3 * i + c];
            }
            planes[c] = new Plane(rgb.Width, rgb.Height, values);
        }
        return planes;
    }
}
