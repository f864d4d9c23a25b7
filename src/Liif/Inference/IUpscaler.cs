namespace Liif.Inference;

/// <summary>Anything that turns an RGB image into an RGB image of exactly the requested size.</summary>
internal interface IUpscaler
{
    /// <summary>Short name for tables and logs, e.g. "bicubic" or "liif (edsr-baseline)".</summary>
    string Name { get; }

    /// <param name="rgb">3-channel input.</param>
    /// <param name="width">Output width in pixels.</param>
    /// <param name="height">Output height in pixels.</param>
    /// <param name="progress">Receives the fraction done, 0..1, for long work.</param>
    ImageU8 Upscale(ImageU8 rgb, int width, int height, IProgress<double>? progress = null);

    /// <summary>
    /// Upscales an image of any layout as users expect of <c>upscale</c>: the colour through <see cref="Upscale"/>; an
    /// alpha plane on its own (Pillow bicubic) and kept; a gray image (1 channel, or R = G = B everywhere) stays gray,
    /// in its own layout: the output's channels are replaced by their mean, since a model trained on colour photos
    /// tints gray input slightly (the mean scores higher than BT.601 luma or any one channel: README, Using it).
    /// With <paramref name="keepAlpha"/> false (an output format without transparency, JPEG) alpha is dropped.
    /// </summary>
    ImageU8 UpscaleImage(ImageU8 image, int width, int height, IProgress<double>? progress = null, bool keepAlpha = true)
    {
        ImageU8 result = Upscale(image.ToRgb(), width, height, progress);
        if (image.IsGray())
        {
            result = image.Channels == 1 ? result.ChannelMean() : result.ChannelMean().ToRgb();
        }

        return keepAlpha && image.Alpha() is ImageU8 alpha ? result.WithAlpha(PilBicubicResize.Resize(alpha, width, height)) : result;
    }

    /// <summary>Whether it can make <paramref name="scale"/>× its input (fixed-scale networks make one scale only).</summary>
    bool CanMake(double scale) => true;
}
