using Liif.Imaging;
using Liif.Inference;
using Liif.Models;
using static TorchSharp.torch;

namespace Liif.Training;

/// <summary>
/// Validation PSNR as the official evaluation computes it for a fixed integer scale, on whole images: each HR image is
/// cropped at the top left to a multiple of the scale, its LR made by Pillow bicubic (<see cref="PilBicubicResize"/>);
/// LIIF predicts every HR pixel through <see cref="LiifUpscaler"/>, the decoding path of inference (encoded once,
/// queried in chunks of <c>eval_bsize</c> under no_grad, as the official <c>batched_predict</c>); the prediction is
/// de-normalised and clamped to [0, 1], not rounded, and compared with the HR image on all three RGB channels without
/// shaving: PSNR = −10·log10(MSE). The result is the mean over images.
/// </summary>
public sealed class WholeImageValidator
{
    private readonly List<(ImageU8 Lr, ImageU8 Hr)> _pairs = [];
    private readonly DataNormalization _norm;
    private readonly int _chunk;

    public WholeImageValidator(ImageFolderDataset images, int scale, DataNormalization norm, int evalBsize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(evalBsize);
        _norm = norm;
        _chunk = evalBsize;
        Scale = scale;
        Description = images.Describe();
        for (int i = 0; i < images.ImageCount; i++)
        {
            ImageU8 hr = images.Get(i);
            int h = hr.Height / scale * scale, w = hr.Width / scale * scale;
            if (h > 0 && w > 0)
            {
                ImageU8 crop = hr.Crop(0, 0, w, h).ToRgb();
                _pairs.Add((PilBicubicResize.Resize(crop, w / scale, h / scale), crop));
            }
        }

        if (_pairs.Count == 0)
        {
            throw new TrainingDataException($"no validation image in {Description} is at least {scale} px on each side");
        }
    }

    public int Scale { get; }

    public int ImageCount => _pairs.Count;

    /// <summary>The validation images, e.g. "Set5 (5 images)".</summary>
    public string Description { get; }

    /// <summary>Mean RGB PSNR (dB) of <paramref name="model"/> over the images; null when cancelled part-way.</summary>
    public double? Evaluate(LiifModel model, Device device, CancellationToken cancel = default)
    {
        bool wasTraining = model.training;
        try
        {
            var upscaler = new LiifUpscaler(model, device, _chunk, dataNorm: _norm);
            double sum = 0;
            foreach ((ImageU8 lr, ImageU8 hr) in _pairs)
            {
                if (cancel.IsCancellationRequested)
                {
                    return null;
                }

                float[] prediction = upscaler.Predict(lr, hr.Width, hr.Height);
                double sse = 0;
                for (int i = 0; i < prediction.Length; i++)
                {
                    double d = prediction[i] - hr.Pixels[i] / 255.0;
                    sse += d * d;
                }

                sum += -10 * Math.Log10(Math.Max(sse / prediction.Length, 1e-12));
            }

            return sum / _pairs.Count;
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
