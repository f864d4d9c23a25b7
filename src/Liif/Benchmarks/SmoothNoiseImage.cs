namespace Liif.Benchmarks;

/// <summary>Image-like test content for benchmarks: random noise shrunk 4× and enlarged again (smooth, with edges).</summary>
internal static class SmoothNoiseImage
{
    public static ImageU8 Create(int size, int seed)
    {
        var pixels = new byte[size * size * 3];
        new Random(seed).NextBytes(pixels);
        var noise = new ImageU8(size, size, 3, pixels);
        return PilBicubicResize.Resize(PilBicubicResize.Resize(noise, Math.Max(1, size / 4), Math.Max(1, size / 4)), size, size);
    }
}
