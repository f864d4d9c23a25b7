using Liif.Imaging;
using Liif.Inference;
using Liif.Models;
using static TorchSharp.torch;

namespace Liif.Training;

/// <summary>
/// Validation PSNR of a fixed-scale network, on the protocol of <see cref="WholeImageValidator"/>: each HR image
/// cropped at the top left to a multiple of the scale, LR by Pillow bicubic, the whole image upscaled (through
/// <see cref="FixedScaleUpscaler"/>, exactly as at inference, so the output is quantised to 8 bits) and compared on
/// RGB without shaving: PSNR = −10·log10(MSE); the mean over images.
/// </summary>
public sealed class FixedScaleValidator
{
    private readonly List<(ImageU8 Lr, ImageU8 Hr)> _pairs = [];
    private readonly DataNormalization _norm;

    public FixedScaleValidator(ImageFolderDataset images, int scale, DataNormalization norm)
    {
        _norm = norm;
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        Scale = scale;
        Description = images.Describe();
        for (int i = 0; i < images.ImageCount; i++)
        {
            ImageU8 hr = images.Get(i);
            int h = hr.Height / scale * scale, w = hr.Width / scale * scale;
            if (h > 0 && w > 0)
            {
                ImageU8 crop = hr.Crop(0, 0, w, h);
                _pairs.Add((PilBicubicResize.Resize(crop, w / scale, h / scale), crop));
            }
        }

        if (_pairs.Count == 0)
        {
            throw new TrainingDataException($"no validation image in {Description} is at least {scale} px on each side");
        }
    }

    public int Scale { get; }

    /// <summary>The validation images, e.g. "Set5 (5 images)".</summary>
    public string Description { get; }

    /// <summary>Mean RGB PSNR (dB) of <paramref name="network"/>; null when cancelled part-way. Leaves it in training mode.</summary>
    public double? Evaluate(FixedScaleNetwork network, Device device, CancellationToken cancel = default)
    {
        try
        {
            var upscaler = new FixedScaleUpscaler(network, device, "validation", "validation", dataNorm: _norm);
            double sum = 0;
            foreach ((ImageU8 lr, ImageU8 hr) in _pairs)
            {
                if (cancel.IsCancellationRequested)
                {
                    return null;
                }

                sum += RgbPsnr(upscaler.Upscale(lr, hr.Width, hr.Height), hr);
            }

            return sum / _pairs.Count;
        }
        finally
        {
            network.train();
        }
    }

    /// <summary>PSNR on all RGB values, no shave, data range 255.</summary>
    public static double RgbPsnr(ImageU8 a, ImageU8 b)
    {
        double sse = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
        {
            double d = a.Pixels[i] - b.Pixels[i];
            sse += d * d;
        }

        double mse = sse / a.Pixels.Length / (255.0 * 255.0);
        return -10 * Math.Log10(Math.Max(mse, 1e-12));
    }
}
