using Liif.Imaging;
using Liif.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Inference;

/// <summary>
/// Upscales with a LIIF model: encode the LR image once, then query the output pixel centres in chunks of at most
/// <see cref="MaxQueries"/> points, each chunk in its own dispose scope and copied straight into the output buffer,
/// so that peak memory is set by the chunk size rather than the output size.
/// </summary>
public sealed class LiifUpscaler : IUpscaler
{
    private readonly LiifModel _model;
    private readonly Device _device;

    public LiifUpscaler(LiifModel model, Device device, int maxQueries = DefaultMaxQueries, string name = "liif")
    {
        if (maxQueries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxQueries), "max queries must be at least 1");
        }

        _model = model;
        _device = device;
        MaxQueries = maxQueries;
        Name = name;
        _model.to(device).eval();
    }

    /// <summary>The official test code's eval_bsize.</summary>
    public const int DefaultMaxQueries = 30000;

    public string Name { get; }

    public int MaxQueries { get; }

    public ImageU8 Upscale(ImageU8 rgb, int width, int height, IProgress<double>? progress = null)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor inp = ImageTensor.ToTensor(rgb).to(_device).sub_(0.5).div_(0.5).unsqueeze(0);
        Tensor feat = _model.Encode(inp);

        long total = (long)width * height;
        var pixels = new byte[total * 3];
        for (long start = 0; start < total; start += MaxQueries)
        {
            using var chunkScope = NewDisposeScope();
            long count = Math.Min(MaxQueries, total - start);
            Tensor index = arange(start, start + count, dtype: int64, device: _device);
            Tensor coord = PixelCoordinates.ForFlatIndices(index, height, width).unsqueeze(0);
            Tensor cell = PixelCoordinates.Cells(count, height, width, _device).unsqueeze(0);
            Tensor rgbOut = _model.QueryRgb(feat, coord, cell);   // 1×count×3 in [-1, 1]
            Tensor quantised = rgbOut.mul_(0.5).add_(0.5).clamp_(0, 1).mul_(255).round_().to(uint8).cpu();
            quantised.data<byte>().CopyTo(pixels, (int)(start * 3));
            progress?.Report((double)(start + count) / total);
        }

        return new ImageU8(width, height, 3, pixels);
    }
}
