namespace Liif.Training;

/// <summary>
/// The <c>sr-fixed-scale-paired</c> wrapper, the usual recipe for fixed-scale networks (SRGAN: 96×96 HR / 24×24 LR
/// for x4): crop an HR square of inp_size·scale pixels at a random position; with augmentation flip rows, flip
/// columns and transpose it (each with probability 1/2, as LIIF's sampler); make the LR crop with Pillow's bicubic
/// (<see cref="PilBicubicResize"/>, the same LR as LIIF's training). When <c>upsampleInput</c> is set (SRCNN)
/// the input is the LR crop bicubic-upscaled back to the HR size (Pillow, as at inference), so the network learns to
/// refine exactly what <see cref="Inference.FixedScaleUpscaler"/> will give it. All randomness comes from the
/// generator passed in.
/// </summary>
internal sealed class FixedScaleCropSampler(int inpSize, int scale, bool augment, bool upsampleInput,
    DataNormalization? norm = null)
{
    private readonly DataNormalization _norm = norm ?? DataNormalization.Default;

    /// <summary>LR crop side.</summary>
    public int InpSize => inpSize;

    public int Scale => scale;

    /// <summary>HR crop side, inp_size · scale: the smallest image side that can be sampled.</summary>
    public int HrSize => inpSize * scale;

    /// <summary>One pair from an RGB image, drawing everything from <paramref name="rng"/>.</summary>
    public FixedScaleSample Sample(ImageU8 image, DeterministicRandom rng)
    {
        int n = HrSize;
        ImageU8 hr = RandomCrop(image, n, rng);
        if (augment)
        {
            hr = Flip(hr, rng.NextBool(), rng.NextBool(), rng.NextBool());
        }

        ImageU8 lr = PilBicubicResize.Resize(hr, inpSize, inpSize);
        ImageU8 input = upsampleInput ? PilBicubicResize.Resize(lr, n, n) : lr;
        return new FixedScaleSample(input.Width, n, Planar(input, _norm.Inp), Planar(hr, _norm.Gt));
    }

    /// <summary>An n×n crop of an RGB image at a position drawn from <paramref name="rng"/>.</summary>
    internal static ImageU8 RandomCrop(ImageU8 image, int n, DeterministicRandom rng)
    {
        if (image.Channels != 3)
        {
            throw new ArgumentException("expected an RGB image", nameof(image));
        }

        if (Math.Min(image.Width, image.Height) < n)
        {
            throw new ArgumentException($"a {image.Width}x{image.Height} image is smaller than the {n}x{n} crop");
        }

        int top = rng.NextInt(image.Height - n + 1);
        int left = rng.NextInt(image.Width - n + 1);
        return image.Crop(left, top, n, n);
    }

    /// <summary>A square image with its rows flipped, then its columns flipped, then transposed (LIIF's order).</summary>
    public static ImageU8 Flip(ImageU8 square, bool flipRows, bool flipColumns, bool transpose)
    {
        int n = square.Width, c = square.Channels;
        var pixels = new byte[square.Pixels.Length];
        for (int r = 0; r < n; r++)
        {
            for (int col = 0; col < n; col++)
            {
                (int sr, int sc) = transpose ? (col, r) : (r, col);
                sc = flipColumns ? n - 1 - sc : sc;
                sr = flipRows ? n - 1 - sr : sr;
                Array.Copy(square.Pixels, (sr * n + sc) * c, pixels, (r * n + col) * c, c);
            }
        }

        return new ImageU8(n, n, c, pixels);
    }

    /// <summary>HWC bytes → CHW floats, (v/255 − sub) / div per channel.</summary>
    internal static float[] Planar(ImageU8 image, ChannelNormalization norm)
    {
        int plane = image.Width * image.Height;
        var values = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            for (int ch = 0; ch < 3; ch++)
            {
                values[ch * plane + i] = norm.Apply(image.Pixels[i * 3 + ch], ch);
            }
        }

        return values;
    }
}
