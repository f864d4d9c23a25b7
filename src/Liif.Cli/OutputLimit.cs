namespace Liif.Cli;

/// <summary>The --max-megapixels limit on output sizes, checked before any work (upscale and serve).</summary>
public sealed record OutputLimit(long MaxPixels)
{
    /// <summary>From the --max-megapixels value, which must be a positive finite number.</summary>
    public static OutputLimit FromMegapixels(double megapixels) => megapixels > 0 && !double.IsInfinity(megapixels)
        ? new OutputLimit((long)(megapixels * 1e6))
        : throw new UsageException("--max-megapixels must be a positive number");

    public void Check(int width, int height)
    {
        if ((long)width * height > MaxPixels)
        {
            throw new UsageException($"output {width}x{height} ({(double)width * height / 1e6:0.#} MP) is above the {MaxPixels / 1e6:0.#} MP limit (raise it with --max-megapixels)");
        }
    }
}
