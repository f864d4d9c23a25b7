using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Liif.Tests;

/// <summary>Reads the little-endian float32 C-order .npy files of the parity set.</summary>
internal static partial class NpyFile
{
    public static (float[] Data, long[] Shape) ReadFloat32(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10 && bytes[0] == 0x93 && Encoding.ASCII.GetString(bytes, 1, 5) == "NUMPY", $"{path} is not an .npy file");
        int major = bytes[6];
        int headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : BitConverter.ToInt32(bytes, 8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        string header = Encoding.ASCII.GetString(bytes, major == 1 ? 10 : 12, headerLength);
        Assert.Contains("'descr': '<f4'", header);
        Assert.Contains("'fortran_order': False", header);
        long[] shape = ShapePattern().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        float[] data = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(dataStart)).ToArray();
        Assert.Equal(shape.Aggregate(1L, (a, b) => a * b), data.Length);
        return (data, shape);
    }

    [GeneratedRegex(@"'shape': \(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
