namespace Liif.Evaluation;

/// <summary>
/// A normalised 1-D Gaussian and 'valid' separable filtering with it (the 2-D window is its outer product).
/// </summary>
internal sealed class GaussianWindow
{
    public GaussianWindow(int size, double sigma)
    {
        Size = size;
        Weights = new double[size];
        double centre = (size - 1) / 2.0;
        double sum = 0;
        for (int i = 0; i < size; i++)
        {
            double d = i - centre;
            Weights[i] = Math.Exp(-d * d / (2 * sigma * sigma));
            sum += Weights[i];
        }
        for (int i = 0; i < size; i++)
        {
            Weights[i] /= sum;
        }
    }

    public int Size { get; }

    public double[] Weights { get; }

    /// <summary>
    /// The window-weighted mean at every position where the window fits inside the plane:
    /// (width − size + 1) × (height − size + 1) values.
    /// </summary>
    public Plane FilterValid(Plane plane)
    {
        int w = plane.Width - Size + 1;
        int h = plane.Height - Size + 1;
        if (w <= 0 || h <= 0)
        {
            throw new LiifException(
                $"a {plane.Width}x{plane.Height} region is smaller than the {Size}x{Size} SSIM window");
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
                for (int k = 0; k < Size; k++)
                {
                    sum += Weights[k] * input[inRow + x + k];
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
                for (int k = 0; k < Size; k++)
                {
                    sum += Weights[k] * rows[(y + k) * w + x];
                }
                output[outRow + x] = sum;
            }
        });
        return new Plane(w, h, output);
    }
}
