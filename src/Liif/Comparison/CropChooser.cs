namespace Liif.Comparison;

/// <summary>
/// Picks the region shown enlarged: a square window (stride a quarter of its side, inside a border) scored from
/// per-pixel luma (BT.601) maps through summed-area tables. <see cref="WhereDiffer"/> takes the window where two
/// outputs (LIIF and bicubic) differ most; <see cref="MostDifferent"/> the one where the methods' errors against HR
/// vary most, for a comparison without that pair.
/// </summary>
internal static class CropChooser
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

    /// <summary>The window with the largest mean squared luma difference between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static CropRect WhereDiffer(ImageU8 a, ImageU8 b, int side, int border) =>
        Best(a.Width, a.Height, [SquaredError(Luma(a), Luma(b))], side, border, means => means[0]);

    /// <summary>The window whose mean squared luma errors against <paramref name="hr"/> vary most across <paramref name="outputs"/>.</summary>
    public static CropRect MostDifferent(ImageU8 hr, IReadOnlyList<ImageU8> outputs, int side, int border)
    {
        double[] hrLuma = Luma(hr);
        return Best(hr.Width, hr.Height, outputs.Select(o => SquaredError(Luma(o), hrLuma)).ToArray(), side, border, means =>
        {
            double mean = means.Average();
            return means.Sum(m => m * m) / means.Length - mean * mean;
        });
    }

    /// <summary>The window whose means over <paramref name="maps"/> <paramref name="score"/> rates highest.</summary>
    private static CropRect Best(int w, int h, IReadOnlyList<double[]> maps, int side, int border, Func<double[], double> score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        side = Math.Min(side, Math.Min(w, h));
        border = Math.Max(0, Math.Min(border, (Math.Min(w, h) - side) / 2));
        double[][] sums = maps.Select(m => IntegralImage(m, w, h)).ToArray();
        var means = new double[sums.Length];
        int stride = Math.Max(1, side / 4);
        var best = new CropRect(border, border, side, side);
        double bestScore = double.NegativeInfinity;
        for (int y = border; y + side <= h - border; y += stride)
        {
            for (int x = border; x + side <= w - border; x += stride)
            {
                for (int k = 0; k < sums.Length; k++)
                {
                    means[k] = WindowSum(sums[k], w, x, y, side) / ((double)side * side);
                }

                double value = score(means);
                if (value > bestScore)
                {
                    (bestScore, best) = (value, new CropRect(x, y, side, side));
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
