namespace Liif.Evaluation;

/// <summary>
/// PSNR exactly as the official LIIF <c>calc_psnr</c>: Benchmark compares the BT.601 luma of the difference
/// (Σ w·(sr − hr) / 256, no offset since it cancels) with <c>scale</c> pixels shaved; Div2k compares RGB with
/// <c>scale + 6</c> shaved. Data range 1 (values / 255); PSNR = −10·log10(MSE). Computed in double.
/// </summary>
internal static class PsnrMetric
{
    /// <summary>
    /// PSNR in dB of <paramref name="sr"/> against <paramref name="hr"/> (same size; gray is taken as RGB);
    /// <see cref="double.PositiveInfinity"/> when they agree on the compared region.
    /// </summary>
    public static double Compute(ImageU8 sr, ImageU8 hr, double scale, EvalProtocol protocol)
    {
        (Plane[] a, Plane[] b) = ColorSpace.Compared(sr, hr, scale, protocol, rgb: protocol == EvalProtocol.Div2k);
        double sum = 0;
        long count = 0;
        for (int c = 0; c < a.Length; c++)
        {
            double[] x = a[c].Values, y = b[c].Values;
            for (int i = 0; i < x.Length; i++)
            {
                double d = (x[i] - y[i]) / 255;
                sum += d * d;
            }
            count += x.Length;
        }
        double mse = sum / count;
        return mse == 0 ? double.PositiveInfinity : -10 * Math.Log10(mse);
    }
}
