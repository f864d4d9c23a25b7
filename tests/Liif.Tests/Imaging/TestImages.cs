using Liif.Imaging;

namespace Liif.Tests.Imaging;

/// <summary>Small synthetic images for tests.</summary>
internal static class TestImages
{
    public static ImageU8 Noise(int width, int height, int channels, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * channels];
        random.NextBytes(pixels);
        return new ImageU8(width, height, channels, pixels);
    }

    public static ImageU8 Gradient(int width, int height)
    {
        var image = new ImageU8(width, height, 3);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                image.Pixels[i] = (byte)(x * 255 / Math.Max(width - 1, 1));
                image.Pixels[i + 1] = (byte)(y * 255 / Math.Max(height - 1, 1));
                image.Pixels[i + 2] = (byte)((x + y) % 256);
            }
        }
        return image;
    }
}
