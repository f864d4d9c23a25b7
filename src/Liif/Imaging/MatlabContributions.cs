namespace Liif.Imaging;

/// <summary>
/// The taps of one MATLAB <c>imresize</c> pass along one dimension (MATLAB's <c>contributions</c> function, bicubic):
/// for each output index, <see cref="Taps"/> zero-based input indices and their weights.
/// </summary>
/// <param name="OutSize">Number of output samples.</param>
/// <param name="Taps">Taps per output sample (after dropping all-zero columns).</param>
/// <param name="Indices">Zero-based input index of tap t of output i at [i · Taps + t].</param>
/// <param name="Weights">Weight of tap t of output i at [i · Taps + t]; each output's weights sum to 1.</param>
internal sealed record MatlabContributions(int OutSize, int Taps, int[] Indices, double[] Weights)
{
    private const double KernelWidth = 4.0;

    /// <summary>Computes the taps for resizing <paramref name="inSize"/> samples to <paramref name="outSize"/>.</summary>
    public static MatlabContributions Compute(int inSize, int outSize, double scale)
    {
        bool antialias = scale < 1;
        double width = antialias ? KernelWidth / scale : KernelWidth;
        int p = (int)Math.Ceiling(width) + 2;
        var indices = new int[outSize * p];
        var weights = new double[outSize * p];
        for (int i = 0; i < outSize; i++)
        {
            double x = i + 1;
            double u = x / scale + 0.5 * (1 - 1 / scale);
            double left = Math.Floor(u - width / 2);
            double sum = 0;
            for (int t = 0; t < p; t++)
            {
                double index = left + t;
                double w = antialias ? scale * Cubic(scale * (u - index)) : Cubic(u - index);
                weights[i * p + t] = w;
                sum += w;
                // MATLAB clamps out-of-range indices, which replicates the edge samples (imresize.m: "Clamp
                // out-of-range indices; has the effect of replicating end-points"). Symmetric padding, which some
                // ports use, differs from the MATLAB-made goldens on the outermost row and column.
                indices[i * p + t] = (int)Math.Clamp(index - 1, 0, inSize - 1);
            }
            for (int t = 0; t < p; t++)
            {
                weights[i * p + t] /= sum;
            }
        }
        return DropZeroColumns(outSize, p, indices, weights);
    }

    /// <summary>MATLAB's <c>cubic</c>: the a = −0.5 Keys kernel, in MATLAB's arithmetic order.</summary>
    private static double Cubic(double x)
    {
        double absx = Math.Abs(x);
        double absx2 = absx * absx;
        double absx3 = absx2 * absx;
        if (absx <= 1)
        {
            return 1.5 * absx3 - 2.5 * absx2 + 1;
        }
        if (absx <= 2)
        {
            return -0.5 * absx3 + 2.5 * absx2 - 4 * absx + 2;
        }
        return 0;
    }

    private static MatlabContributions DropZeroColumns(int outSize, int p, int[] indices, double[] weights)
    {
        int[] keep = [.. Enumerable.Range(0, p).Where(t => Enumerable.Range(0, outSize).Any(i => weights[i * p + t] != 0))];
        int taps = keep.Length;
        var keptIndices = new int[outSize * taps];
        var keptWeights = new double[outSize * taps];
        for (int i = 0; i < outSize; i++)
        {
            for (int k = 0; k < taps; k++)
            {
                keptIndices[i * taps + k] = indices[i * p + keep[k]];
                keptWeights[i * taps + k] = weights[i * p + keep[k]];
            }
        }
        return new MatlabContributions(outSize, taps, keptIndices, keptWeights);
    }
}
