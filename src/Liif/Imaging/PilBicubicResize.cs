namespace Liif.Imaging;

/// <summary>
/// Pillow's <c>Image.resize((w, h), Image.BICUBIC)</c> on 8-bit images, reproduced bit for bit.
/// </summary>
/// <remarks>
/// Written by hand because no .NET imaging library reproduces Pillow's resampler, and the official LIIF code makes
/// its training and benchmark LR images with it: matching it exactly keeps our numbers comparable.
/// Pillow's algorithm (libImaging/Resample.c): a separable convolution with the a = −0.5 cubic kernel, widened by
/// the scale when shrinking (antialiasing); horizontal pass first into an 8-bit intermediate, then vertical; the
/// coefficients of each output pixel are normalised to sum 1 in double and then converted to 22-bit fixed point,
/// and each pass accumulates in integers with a rounding offset and clips to 0..255.
/// Channels are resampled independently; note that Pillow itself premultiplies RGBA by alpha before resizing,
/// which this class does not.
/// </remarks>
internal static class PilBicubicResize
{
    private const int PrecisionBits = 32 - 8 - 2;
    private const double Support = 2.0;

    /// <summary>Resizes <paramref name="src"/> to <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static ImageU8 Resize(ImageU8 src, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        bool needHorizontal = width != src.Width;
        bool needVertical = height != src.Height;
        if (!needHorizontal && !needVertical)
        {
            return new ImageU8(src.Width, src.Height, src.Channels, (byte[])src.Pixels.Clone());
        }

        Coefficients horizontal = Coefficients.Compute(src.Width, width);
        Coefficients vertical = Coefficients.Compute(src.Height, height);

        ImageU8 temp = src;
        int rowOffset = 0;
        if (needHorizontal)
        {
            // As Pillow: only the source rows that the vertical pass reads go through the horizontal pass.
            int firstRow = needVertical ? vertical.Start[0] : 0;
            int lastRow = needVertical ? vertical.Start[height - 1] + vertical.Count[height - 1] : src.Height;
            temp = ResampleHorizontal(src, horizontal, firstRow, lastRow - firstRow);
            rowOffset = firstRow;
        }
        return needVertical ? ResampleVertical(temp, vertical, rowOffset) : temp;
    }

    private static ImageU8 ResampleHorizontal(ImageU8 src, Coefficients c, int firstRow, int rows)
    {
        int channels = src.Channels;
        int outWidth = c.OutSize;
        var dst = new ImageU8(outWidth, rows, channels);
        byte[] input = src.Pixels;
        byte[] output = dst.Pixels;
        int inStride = src.Width * channels;
        int outStride = outWidth * channels;
        Parallel.For(0, rows, y =>
        {
            int inRow = (y + firstRow) * inStride;
            int outRow = y * outStride;
            for (int x = 0; x < outWidth; x++)
            {
                int start = c.Start[x];
                int count = c.Count[x];
                int k0 = x * c.KernelSize;
                for (int ch = 0; ch < channels; ch++)
                {
                    int sum = 1 << (PrecisionBits - 1);
                    int p = inRow + start * channels + ch;
                    for (int i = 0; i < count; i++, p += channels)
                    {
                        sum += input[p] * c.Weights[k0 + i];
                    }
                    output[outRow + x * channels + ch] = Clip8(sum);
                }
            }
        });
        return dst;
    }

    private static ImageU8 ResampleVertical(ImageU8 src, Coefficients c, int rowOffset)
    {
        int channels = src.Channels;
        int outHeight = c.OutSize;
        var dst = new ImageU8(src.Width, outHeight, channels);
        byte[] input = src.Pixels;
        byte[] output = dst.Pixels;
        int stride = src.Width * channels;
        Parallel.For(0, outHeight, y =>
        {
            int start = c.Start[y] - rowOffset;
            int count = c.Count[y];
            int k0 = y * c.KernelSize;
            int outRow = y * stride;
            for (int j = 0; j < stride; j++)
            {
                int sum = 1 << (PrecisionBits - 1);
                int p = start * stride + j;
                for (int i = 0; i < count; i++, p += stride)
                {
                    sum += input[p] * c.Weights[k0 + i];
                }
                output[outRow + j] = Clip8(sum);
            }
        });
        return dst;
    }

    private static byte Clip8(int value)
    {
        if (value >= 255 << PrecisionBits)
        {
            return 255;
        }
        if (value <= 0)
        {
            return 0;
        }
        return (byte)(value >> PrecisionBits);
    }

    /// <summary>Pillow's <c>bicubic_filter</c> (a = −0.5), in Pillow's own arithmetic order.</summary>
    private static double Kernel(double x)
    {
        const double a = -0.5;
        if (x < 0.0)
        {
            x = -x;
        }
        if (x < 1.0)
        {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0)
        {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /// <summary>The fixed-point taps of one pass: per output index a first input index, a count and weights.</summary>
    private sealed record Coefficients(int OutSize, int KernelSize)
    {
        public int[] Start { get; } = new int[OutSize];

        public int[] Count { get; } = new int[OutSize];

        public int[] Weights { get; } = new int[OutSize * KernelSize];

        /// <summary>Pillow's <c>precompute_coeffs</c> followed by <c>normalize_coeffs_8bpc</c>.</summary>
        public static Coefficients Compute(int inSize, int outSize)
        {
            double scale = (double)inSize / outSize;
            double filterScale = Math.Max(scale, 1.0);
            double support = Support * filterScale;
            int kernelSize = (int)Math.Ceiling(support) * 2 + 1;
            var c = new Coefficients(outSize, kernelSize);
            var k = new double[kernelSize];
            for (int xx = 0; xx < outSize; xx++)
            {
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                // (int) truncates toward zero exactly like C's cast.
                int xmin = Math.Max((int)(center - support + 0.5), 0);
                int xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
                double ww = 0.0;
                for (int x = 0; x < xmax; x++)
                {
                    double w = Kernel((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                for (int x = 0; x < xmax; x++)
                {
                    double w = ww != 0.0 ? k[x] / ww : k[x];
                    double fixedPoint = w * (1 << PrecisionBits);
                    c.Weights[xx * kernelSize + x] = w < 0 ? (int)(-0.5 + fixedPoint) : (int)(0.5 + fixedPoint);
                }
                c.Start[xx] = xmin;
                c.Count[xx] = xmax;
            }
            return c;
        }
    }
}
