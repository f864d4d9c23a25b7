namespace Liif.Evaluation;

/// <summary>
/// SSIM (Wang et al. 2004) on the BT.601 luma of <see cref="ColorSpace.ToY"/> (0–255 scale, with the +16 offset),
/// after shaving the border the protocol shaves for PSNR: 11×11 Gaussian window with σ = 1.5, K1 = 0.01,
/// K2 = 0.03, data range 255, 'valid' filtering, mean over the SSIM map.
/// </summary>
/// <remarks>
/// Written with plain arrays: a few separable filters, not worth a tensor library. The convention was chosen
/// against the reference table in shared/data/README.md (PIL-bicubic baseline on Set5/Set14 x2–x4), which it
/// reproduces to 4 decimals: Y with the +16 offset (without it SSIM drops by up to 0.0018, since C1 and C2 are
/// absolute) and population (biased) local variances — scikit-image's default 121/120 sample-covariance factor
/// lowers SSIM by 0.0002–0.0006.
/// </remarks>
internal static class SsimMetric
{
    private const int WindowSize = 11;
    private const double Sigma = 1.5;
    private const double DataRange = 255;
    private const double C1 = 0.01 * DataRange * 0.01 * DataRange;
    private const double C2 = 0.03 * DataRange * 0.03 * DataRange;

    /// <summary>The normalised 1-D Gaussian; the 2-D window is its outer product.</summary>
    private static readonly double[] s_weights = Gaussian(WindowSize, Sigma);

    /// <summary>
    /// Mean SSIM of <paramref name="sr"/> against <paramref name="hr"/> (same size) on Y, with the border of
    /// <paramref name="protocol"/> at <paramref name="scale"/> shaved (DIV2K too is measured on Y).
    /// </summary>
    public static double Compute(ImageU8 sr, ImageU8 hr, double scale, EvalProtocol protocol)
    {
        (Plane[] srY, Plane[] hrY) = ColorSpace.Compared(sr, hr, scale, protocol, rgb: false);
        Plane a = srY[0], b = hrY[0];
        int n = a.Values.Length;
        var aa = new double[n];
        var bb = new double[n];
        var ab = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = a.Values[i], y = b.Values[i];
            aa[i] = x * x;
            bb[i] = y * y;
            ab[i] = x * y;
        }
        Plane muA = FilterValid(a);
        Plane muB = FilterValid(b);
        Plane eAA = FilterValid(new Plane(a.Width, a.Height, aa));
        Plane eBB = FilterValid(new Plane(a.Width, a.Height, bb));
        Plane eAB = FilterValid(new Plane(a.Width, a.Height, ab));
        double sum = 0;
        for (int i = 0; i < muA.Values.Length; i++)
        {
            double ma = muA.Values[i], mb = muB.Values[i];
            double va = eAA.Values[i] - ma * ma;
            double vb = eBB.Values[i] - mb * mb;
            double cov = eAB.Values[i] - ma * mb;
            sum += (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
        }
        return sum / muA.Values.Length;
    }

    /// <summary>A normalised 1-D Gaussian of <paramref name="size"/> taps.</summary>
    private static double[] Gaussian(int size, double sigma)
    {
        var weights = new double[size];
        double centre = (size - 1) / 2.0;
        double sum = 0;
        for (int i = 0; i < size; i++)
        {
            double d = i - centre;
            weights[i] = Math.Exp(-d * d / (2 * sigma * sigma));
            sum += weights[i];
        }
        for (int i = 0; i < size; i++)
        {
            weights[i] /= sum;
        }
        return weights;
    }

    /// <summary>
    /// The window-weighted mean at every position where the window fits inside the plane:
    /// (width − size + 1) × (height − size + 1) values.
    /// </summary>
    private static Plane FilterValid(Plane plane)
    {
        int w = plane.Width - WindowSize + 1;
        int h = plane.Height - WindowSize + 1;
        if (w <= 0 || h <= 0)
        {
            throw new LiifException(
                $"a {plane.Width}x{plane.Height} region is smaller than the {WindowSize}x{WindowSize} SSIM window");
        }
        double[] input = plane.Values;
        int inWidth = plane.Width;
        // Horizontal pass over every row, then vertical.
        var rows = new double[plane.Height * w];
        Parallel.For(0, plane.Height, y =>
        {
            int inRow = y * inWidth;
            int outRow = y * w;
            for (int x = 0; x < w; x++)
            {
                double sum = 0;
                for (int k = 0; k < WindowSize; k++)
                {
                    sum += s_weights[k] * input[inRow + x + k];
                }
                rows[outRow + x] = sum;
            }
        });
        var output = new double[h * w];
        Parallel.For(0, h, y =>
        {
            int outRow = y * w;
            for (int x = 0; x < w; x++)
            {
                double sum = 0;
                for (int k = 0; k < WindowSize; k++)
                {
                    sum += s_weights[k] * rows[(y + k) * w + x];
                }
                output[outRow + x] = sum;
            }
        });
        return new Plane(w, h, output);
    }
}
