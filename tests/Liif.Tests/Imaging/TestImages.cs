using System.Buffers.Binary;
using System.Text;
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

    /// <summary>
    /// A PNG with a valid IHDR (8-bit RGB) claiming the given size, then an IDAT holding a few zlib bytes: enough for
    /// a decoder to read the header, far too little to hold the pixels.
    /// </summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type RGB
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(stream, "IHDR", ihdr);
        WriteChunk(stream, "IDAT", [0x78, 0x9C, 0x62, 0x00, 0x00]);
        return stream.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        byte[] name = Encoding.ASCII.GetBytes(type);
        var word = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        stream.Write(name);
        stream.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32([.. name, .. data]));
        stream.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }
        return ~crc;
    }
}
