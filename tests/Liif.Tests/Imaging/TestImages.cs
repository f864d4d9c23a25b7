using System.Buffers.Binary;
using System.Text;

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

    /// <summary>A 24-bit BMP of an RGB image: bottom-up rows of BGR, each padded to 4 bytes.</summary>
    public static byte[] Bmp24(ImageU8 rgb)
    {
        int stride = (rgb.Width * 3 + 3) / 4 * 4;
        var bmp = new byte[54 + stride * rgb.Height];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), rgb.Width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), rgb.Height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        for (int y = 0; y < rgb.Height; y++)
        {
            int row = 54 + (rgb.Height - 1 - y) * stride;
            for (int x = 0; x < rgb.Width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    bmp[row + x * 3 + c] = rgb[x, y, 2 - c];
                }
            }
        }

        return bmp;
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
