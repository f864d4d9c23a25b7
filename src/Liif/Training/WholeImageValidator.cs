using Liif.Imaging;
using Liif.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Training;

/// <summary>
/// Validation PSNR as the official evaluation computes it for a fixed integer scale, on whole images: each HR image is
/// cropped at the top left to a multiple of the scale, its LR made by Pillow bicubic (<see cref="PilBicubicResize"/>);
/// LIIF predicts every HR pixel (encoded once, queried in chunks of <c>eval_bsize</c> under no_grad, as the official
/// <c>batched_predict</c>); the prediction is de-normalised and clamped to [0, 1] and compared with the HR image on
/// all three RGB channels without shaving: PSNR = −10·log10(MSE). The result is the mean over images.
/// </summary>
public sealed class WholeImageValidator : IDisposable
{
    private readonly List<(Tensor Inp, Tensor Gt, int Height, int Width)> _pairs = [];
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
            if (h == 0 || w == 0)
            {
                continue;
            }

            ImageU8 crop = hr.Crop(0, 0, w, h);
            ImageU8 lr = PilBicubicResize.Resize(crop, w / scale, h / scale);
            using var scope = NewDisposeScope();
            Tensor inp = Normalize(ImageTensor.ToTensor(lr), norm.InpSub, norm.InpDiv).unsqueeze(0);
            Tensor gt = ImageTensor.ToTensor(crop).view(3, -1).permute(1, 0).contiguous();
            _pairs.Add((inp.MoveToOuterDisposeScope(), gt.MoveToOuterDisposeScope(), h, w));
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
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double sum = 0;
            foreach ((Tensor inpCpu, Tensor gtCpu, int h, int w) in _pairs)
            {
                if (cancel.IsCancellationRequested)
                {
                    return null;
                }

                using var scope = NewDisposeScope();
                Tensor feat = model.Encode(inpCpu.to(device));
                Tensor coord = PixelCoordinates.Grid(h, w, device).view(1, -1, 2);
                Tensor cell = PixelCoordinates.Cells((long)h * w, h, w, device).unsqueeze(0);
                long n = (long)h * w;
                var parts = new List<Tensor>();
                for (long ql = 0; ql < n; ql += _chunk)
                {
                    long qr = Math.Min(ql + _chunk, n);
                    parts.Add(model.QueryRgb(feat, coord.narrow(1, ql, qr - ql), cell.narrow(1, ql, qr - ql)));
                }

                Tensor pred = cat(parts, 1)[0];
                Tensor sub = tensor(_norm.GtSub, device: device), div = tensor(_norm.GtDiv, device: device);
                pred = pred.mul(div).add(sub).clamp(0, 1);
                double mse = pred.sub(gtCpu.to(device)).pow(2).mean().item<float>();
                sum += -10 * Math.Log10(Math.Max(mse, 1e-12));
            }

            return sum / _pairs.Count;
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    public void Dispose()
    {
        foreach ((Tensor inp, Tensor gt, _, _) in _pairs)
        {
            inp.Dispose();
            gt.Dispose();
        }
    }

    private static Tensor Normalize(Tensor chw, float[] sub, float[] div)
    {
        using Tensor s = tensor(sub).view(3, 1, 1);
        using Tensor d = tensor(div).view(3, 1, 1);
        return chw.sub(s).div(d);
    }
}
