namespace Liif.Inference;

/// <summary>
/// The limit on output sizes, checked before any work (upscale, serve and the library): a size past it would run out
/// of memory far into the work, or never finish. <paramref name="RaiseWith"/> names the setting that raises it.
/// </summary>
internal sealed record OutputLimit(long MaxPixels, string RaiseWith = "--max-megapixels")
{
    public const double DefaultMegapixels = 400;

    public static OutputLimit FromMegapixels(double megapixels, string raiseWith = "--max-megapixels") => new((long)(megapixels * 1e6), raiseWith);

    public void Check(int width, int height)
    {
        long pixels = (long)width * height;
        if (pixels > MaxPixels)
        {
            throw new LiifException($"output {width}x{height} ({Megapixels.Format(pixels)}) is above the {Megapixels.Format(MaxPixels)} limit (raise it with {RaiseWith})");
        }
    }
}
