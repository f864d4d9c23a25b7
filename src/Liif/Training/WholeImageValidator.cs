namespace Liif.Training;

/// <summary>
/// Validation PSNR as the official evaluation computes it for a fixed integer scale, on whole images: each HR image is
/// cropped at the top left to a multiple of the scale, its LR made by Pillow bicubic (<see cref="PilBicubicResize"/>),
/// upscaled by the inference path and compared with the HR image on all three RGB channels without shaving:
/// PSNR = −10·log10(MSE); the result is the mean over images. LIIF predicts every HR pixel through
/// <see cref="TiledLiifUpscaler"/> (encoded once, queried in chunks of <c>eval_bsize</c> under no_grad, as the official
/// <c>batched_predict</c>) and is scored before rounding, as the official code; a fixed-scale network is scored on the
/// 8-bit output of <see cref="FixedScaleUpscaler"/>, exactly what inference gives.
/// </summary>
internal sealed class WholeImageValidator
{
    private readonly List<(ImageU8 Lr, ImageU8 Hr)> _pairs = [];
    private readonly DataNormalization _norm;
    private readonly int _chunk;

    public WholeImageValidator(ImageFolderDataset images, int scale, DataNormalization norm, int evalBsize)
    {
        _norm = norm;
        _chunk = evalBsize;
        Scale = scale;
        Description = images.Describe();
        for (int i = 0; i < images.Files.Count; i++)
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

    /// <summary>The validation images, e.g. "Set5 (5 images)".</summary>
    public string Description { get; }

    /// <summary>Mean RGB PSNR (dB) of a LIIF or a fixed-scale network over the images; null when cancelled part-way.</summary>
    public double? Evaluate(nn.Module model, Device device, CancellationToken cancel = default)
    {
        bool training = model.training;   // the upscalers put it in eval mode
        Func<ImageU8, ImageU8, double> psnr;
        if (model is LiifModel liif)
        {
            var upscaler = new TiledLiifUpscaler(liif, device, _chunk, dataNorm: _norm);
            psnr = (lr, hr) =>
            {
                float[] prediction = upscaler.Predict(lr, hr.Width, hr.Height);
                return RgbPsnr(i => prediction[i], hr);
            };
        }
        else
        {
            var upscaler = new FixedScaleUpscaler((FixedScaleNetwork)model, device, "validation",
                dataNorm: _norm);
            psnr = (lr, hr) => RgbPsnr(upscaler.Upscale(lr, hr.Width, hr.Height), hr);
        }

        try
        {
            double sum = 0;
            foreach ((ImageU8 lr, ImageU8 hr) in _pairs)
            {
                if (cancel.IsCancellationRequested)
                {
                    return null;
                }

                sum += psnr(lr, hr);
            }

            return sum / _pairs.Count;
        }
        finally
        {
            model.train(training);
        }
    }

    /// <summary>PSNR of <paramref name="a"/> against <paramref name="b"/> on all RGB values, no shave.</summary>
    public static double RgbPsnr(ImageU8 a, ImageU8 b) => RgbPsnr(i => a.Pixels[i] / 255.0, b);

    /// <summary>PSNR on all RGB values of <paramref name="hr"/>: <paramref name="predicted"/>(i) is value i in [0, 1].</summary>
    private static double RgbPsnr(Func<int, double> predicted, ImageU8 hr)
    {
        double sse = 0;
        for (int i = 0; i < hr.Pixels.Length; i++)
        {
            double d = predicted(i) - hr.Pixels[i] / 255.0;
            sse += d * d;
        }

        return -10 * Math.Log10(Math.Max(sse / hr.Pixels.Length, 1e-12));
    }
}
