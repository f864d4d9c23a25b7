using Liif.Evaluation;
using Liif.Imaging;

namespace Liif.Comparison;

/// <summary>
/// Picks the region where the methods differ most: for each method the squared error against HR on luma
/// (BT.601) per pixel; for every square window (stride a quarter of the side, inside a border) the mean
/// error of each method; the window whose means vary most across methods wins.
/// </summary>
public static class CropChooser
{
    /// <summary>
    /// The default side: about a quarter of the shorter side (kept between 24 and 160 px), adjusted so that a whole
    /// enlargement makes it <see cref="MosaicLayout.TargetTileSide"/> wide (every figure gets tiles of the same size,
    /// so labels are set at the same size); never above the image.
    /// </summary>
    public static int DefaultSide(int width, int height)
    {
        int shorter = Math.Min(width, height);
        int quarter = Math.Clamp(shorter / 4, 24, 160);
        int zoom = Math.Max(1, (int)Math.Round((double)MosaicLayout.TargetTileSide / quarter));
        return Math.Max(1, Math.Min(shorter, MosaicLayout.TargetTileSide / zoom));
    }

    /// <summary>
    /// The margin kept clear: the protocol's shave, and at least 1/16 of the shorter side, so that the zero padding of
    /// convolutional baselines at the image edge (an artefact of the border, not of the method) does not win.
    /// </summary>
    public static int DefaultBorder(int width, int height, double scale) =>
        Math.Max(EvalProtocol.Benchmark.Shave(scale), Math.Min(width, height) / 16);

    public static CropRect MostDifferent(ImageU8 hr, IReadOnlyList<ImageU8> outputs, int side, int border)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        int w = hr.Width, h = hr.Height;
        side = Math.Min(side, Math.Min(w, h));
        border = Math.Max(0, Math.Min(border, (Math.Min(w, h) - side) / 2));
        double[] hrLuma = Luma(hr);
        var sums = outputs.Select(o => IntegralImage(SquaredError(Luma(o), hrLuma), w, h)).ToArray();
        int stride = Math.Max(1, side / 4);
        var best = new CropRect(border, border, side, side);
        double bestScore = double.NegativeInfinity;
        for (int y = border; y + side <= h - border; y += stride)
        {
            for (int x = border; x + side <= w - border; x += stride)
            {
                double mean = 0, square = 0;
                foreach (double[] s in sums)
                {
                    double m = WindowSum(s, w, x, y, side) / ((double)side * side);
                    mean += m;
                    square += m * m;
                }

                mean /= sums.Length;
                double variance = square / sums.Length - mean * mean;
                if (variance > bestScore)
                {
                    (bestScore, best) = (variance, new CropRect(x, y, side, side));
                }
            }
        }

        return best;
    }

    private static double[] Luma(ImageU8 rgb)
    {
        var y = new double[rgb.Width * rgb.Height];
        byte[] p = rgb.Pixels;
        int c = rgb.Channels;
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = c >= 3 ? 0.299 * p[i * c] + 0.587 * p[i * c + 1] + 0.114 * p[i * c + 2] : p[i * c];
        }

        return y;
    }

    private static double[] SquaredError(double[] a, double[] b)
    {
        var e = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            e[i] = d * d;
        }

        return e;
    }

    /// <summary>(w+1)×(h+1) summed-area table.</summary>
    private static double[] IntegralImage(double[] values, int w, int h)
    {
        var s = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++)
        {
            double row = 0;
            for (int x = 0; x < w; x++)
            {
                row += values[y * w + x];
                s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
            }
        }

        return s;
    }

    private static double WindowSum(double[] s, int w, int x, int y, int side)
    {
        int stride = w + 1;
        return s[(y + side) * stride + x + side] - s[y * stride + x + side] - s[(y + side) * stride + x] + s[y * stride + x];
    }
}
