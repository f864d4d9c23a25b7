using System.Buffers.Binary;
using SkiaSharp;

namespace Liif.Tests.Imaging;

/// <summary>
/// Image files as cameras and the web make them, written by hand since no encoder here writes them: a JPEG with an
/// EXIF orientation, a PNG with a Display P3 profile, GIFs (one frame or an animation).
/// </summary>
internal static class TestPhotos
{
    /// <summary>Display P3: sRGB's transfer curve with wider primaries.</summary>
    public static ColorProfile DisplayP3 { get; } = new(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3);

    /// <summary>
    /// A phone's JPEG: stored <paramref name="width"/> × <paramref name="height"/> with its left half black and its right
    /// half white, tagged orientation 6 (shown rotated 90° clockwise: upright it is height × width, black on top).
    /// </summary>
    public static byte[] SidewaysJpeg(int width, int height)
    {
        var stored = new ImageU8(width, height, 3);
        for (int i = 0; i < width * height; i++)
        {
            stored.Pixels.AsSpan(i * 3, 3).Fill(i % width < width / 2 ? (byte)0 : (byte)255);
        }

        return WithExifOrientation(ImageFile.Encode(stored, "x.jpg", 95), 6);
    }

    /// <summary><paramref name="jpeg"/> with an EXIF APP1 segment, right after SOI, whose only tag is Orientation.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        // TIFF header (big endian), one IFD entry: tag 0x0112 Orientation, type SHORT, count 1, the value; no next IFD.
        byte[] tiff = [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];
        byte[] app1 = [0xFF, 0xE1, 0, 0, .. "Exif\0\0"u8, .. tiff];
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), (ushort)(app1.Length - 2));
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>
    /// A GIF89a of palette-index frames (all <paramref name="width"/> × <paramref name="height"/>), palette entry i
    /// being <see cref="PaletteColour"/>(i), looping when there are several frames. The LZW data is uncompressed: a
    /// literal code per pixel and a clear code before the code table would need 10 bits.
    /// </summary>
    public static byte[] Gif(int width, int height, params byte[][] frames)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        WriteShort(gif, width);
        WriteShort(gif, height);
        gif.Write([0xF7, 0, 0]);   // global colour table of 256 entries, 8-bit colour resolution
        for (int i = 0; i < 256; i++)
        {
            (byte r, byte g, byte b) = PaletteColour(i);
            gif.Write([r, g, b]);
        }

        if (frames.Length > 1)
        {
            gif.Write([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]);
        }

        foreach (byte[] frame in frames)
        {
            gif.Write([0x21, 0xF9, 4, 1 << 2, 10, 0, 0, 0]);   // graphic control: keep the frame, 0.1 s
            gif.WriteByte(0x2C);
            WriteShort(gif, 0);
            WriteShort(gif, 0);
            WriteShort(gif, width);
            WriteShort(gif, height);
            gif.WriteByte(0);
            gif.WriteByte(8);   // LZW minimum code size
            byte[] data = Lzw(frame);
            for (int offset = 0; offset < data.Length; offset += 255)
            {
                int n = Math.Min(255, data.Length - offset);
                gif.WriteByte((byte)n);
                gif.Write(data, offset, n);
            }

            gif.WriteByte(0);
        }

        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    public static (byte R, byte G, byte B) PaletteColour(int i) => ((byte)i, (byte)(255 - i), (byte)(i * 7));

    private static byte[] Lzw(byte[] indices)
    {
        const int clear = 256, end = 257;
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        void Emit(int code)
        {
            buffer |= code << bits;
            for (bits += 9; bits >= 8; bits -= 8)
            {
                bytes.Add((byte)buffer);
                buffer >>= 8;
            }
        }

        for (int i = 0; i < indices.Length; i++)
        {
            if (i % 250 == 0)
            {
                Emit(clear);
            }

            Emit(indices[i]);
        }

        Emit(end);
        if (bits > 0)
        {
            bytes.Add((byte)buffer);
        }

        return [.. bytes];
    }

    private static void WriteShort(Stream stream, int value)
    {
        stream.WriteByte((byte)value);
        stream.WriteByte((byte)(value >> 8));
    }
}
