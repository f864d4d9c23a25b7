using Liif.Imaging;

namespace Liif.Inference;

/// <summary>Anything that turns an RGB image into an RGB image of exactly the requested size.</summary>
public interface IUpscaler
{
    /// <summary>Short name for tables and logs, e.g. "bicubic" or "liif (edsr-baseline)".</summary>
    string Name { get; }

    /// <param name="rgb">3-channel input.</param>
    /// <param name="width">Output width in pixels.</param>
    /// <param name="height">Output height in pixels.</param>
    /// <param name="progress">Receives the fraction done, 0..1, for long work.</param>
    ImageU8 Upscale(ImageU8 rgb, int width, int height, IProgress<double>? progress = null);

    /// <summary>Whether it can make <paramref name="scale"/>× its input (fixed-scale networks make one scale only).</summary>
    bool CanMake(double scale) => true;
}
