using System.Buffers;

namespace Liif.Training;

/// <summary>
/// The official <c>sr-implicit-downsampled</c> wrapper. From one HR image: draw a scale s ~ U(scale_min, scale_max);
/// crop a square of w_hr = round(inp_size · s) pixels at a random position; make the LR input by resizing that crop
/// to inp_size² with Pillow's bicubic (<see cref="PilBicubicResize"/>); with augmentation, flip rows, flip columns and
/// transpose (each with probability 1/2, in that order, identically for LR and HR); then draw sample_q HR pixels
/// without replacement and return their centres (y, x) in the crop's [-1, 1]² (<see cref="Models.PixelCoordinates"/>),
/// their cells (2/w_hr, 2/w_hr) and their colours. All randomness comes from the generator passed in.
/// The source image must be at least <see cref="MinImageSide"/> pixels on its shorter side.
/// </summary>
internal sealed class ImplicitDownsampledSampler(int inpSize = 48, double scaleMin = 1, double scaleMax = 4,
    bool augment = true, int sampleQ = 2304, DataNormalization? norm = null)
{
    private readonly DataNormalization _norm = norm ?? DataNormalization.Default;

    /// <summary>The largest HR crop, round(inp_size · scale_max): smaller images cannot be sampled at every scale.</summary>
    public int MinImageSide => HrSize(scaleMax);

    private int HrSize(double scale) => (int)Math.Round(inpSize * scale, MidpointRounding.ToEven);

    /// <summary>One example from an RGB image, drawing everything from <paramref name="rng"/>.</summary>
    public TrainingSample Sample(ImageU8 image, DeterministicRandom rng)
    {
        int n = HrSize(rng.NextDouble(scaleMin, scaleMax));
        ImageU8 crop = FixedScaleCropSampler.RandomCrop(image, n, rng);
        ImageU8 lr = PilBicubicResize.Resize(crop, inpSize, inpSize);
        if (augment)
        {
            (bool rows, bool columns, bool transpose) = (rng.NextBool(), rng.NextBool(), rng.NextBool());
            crop = FixedScaleCropSampler.Flip(crop, rows, columns, transpose);
            lr = FixedScaleCropSampler.Flip(lr, rows, columns, transpose);
        }

        float[] inp = FixedScaleCropSampler.Planar(lr, _norm.Inp);

        // A pooled index array: up to 192² ints, which would otherwise be a large-object allocation per sample.
        int[] pooled = ArrayPool<int>.Shared.Rent(n * n);
        Span<int> order = pooled.AsSpan(0, n * n);
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        rng.ShufflePrefix(order, sampleQ);
        float[] coord = new float[2 * sampleQ], cell = new float[2 * sampleQ], gt = new float[3 * sampleQ];
        float half = 1f / n, cellSize = 2f / n;
        for (int q = 0; q < sampleQ; q++)
        {
            int r = order[q] / n, c = order[q] % n;
            coord[2 * q] = -1 + half + cellSize * r;
            coord[2 * q + 1] = -1 + half + cellSize * c;
            cell[2 * q] = cellSize;
            cell[2 * q + 1] = cellSize;
            int src = order[q] * 3;
            for (int ch = 0; ch < 3; ch++)
            {
                gt[3 * q + ch] = _norm.Gt.Apply(crop.Pixels[src + ch], ch);
            }
        }

        ArrayPool<int>.Shared.Return(pooled);
        return new TrainingSample(inpSize, sampleQ, n, inp, coord, cell, gt);
    }
}
