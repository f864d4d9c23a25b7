using Liif.Imaging;

namespace Liif.Cli;

/// <summary>The --max-megapixels limit on output sizes, checked before any work (upscale and serve).</summary>
internal sealed record OutputLimit(long MaxPixels)
{
    public static OutputLimit FromMegapixels(double megapixels) => new((long)(megapixels * 1e6));

    public void Check(int width, int height)
    {
        long pixels = (long)width * height;
        if (pixels > MaxPixels)
        {
            throw new LiifException($"output {width}x{height} ({Megapixels.Format(pixels)}) is above the {Megapixels.Format(MaxPixels)} limit (raise it with --max-megapixels)");
        }
    }
}
