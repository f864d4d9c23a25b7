using static TorchSharp.torch;

namespace Liif.Models;

/// <summary>
/// LIIF's continuous image domain: an H×W image covers [-1, 1]² and pixel (i, j) is the point at its centre,
/// (y, x) = (-1 + (2i + 1)/H, -1 + (2j + 1)/W) (the official <c>make_coord</c>). Coordinates are stored (y, x).
/// </summary>
public static class PixelCoordinates
{
    /// <summary>Pixel centres of n cells spanning [-1, 1]: float32 tensor of n values.</summary>
    public static Tensor Centers(long n, Device? device = null)
    {
        double r = 1.0 / n;
        return arange(n, dtype: float32, device: device).mul_(2 * r).add_(-1 + r);
    }

    /// <summary>All pixel centres of an H×W grid: H×W×2 (y, x).</summary>
    public static Tensor Grid(long height, long width, Device? device = null)
    {
        using Tensor ys = Centers(height, device);
        using Tensor xs = Centers(width, device);
        Tensor[] mesh = meshgrid([ys, xs], indexing: "ij");
        Tensor grid = stack(mesh, -1);
        foreach (Tensor t in mesh)
        {
            t.Dispose();
        }

        return grid;
    }

    /// <summary>Pixel centres of the given row-major flat indices into an H×W grid: N×2 (y, x).</summary>
    public static Tensor ForFlatIndices(Tensor flatIndices, long height, long width)
    {
        using Tensor rows = flatIndices.div(width, rounding_mode: RoundingMode.floor);
        using Tensor cols = flatIndices.remainder(width);
        return ForRowsAndColumns(rows, cols, height, width);
    }

    /// <summary>Pixel centres of pixels (rows[i], cols[i]) of an H×W grid: N×2 (y, x).</summary>
    public static Tensor ForRowsAndColumns(Tensor rows, Tensor cols, long height, long width)
    {
        using Tensor y = rows.to(float32).mul_(2.0 / height).add_(-1 + 1.0 / height);
        using Tensor x = cols.to(float32).mul_(2.0 / width).add_(-1 + 1.0 / width);
        return stack([y, x], -1);
    }

    /// <summary>The cell (size of one output pixel in the [-1, 1] domain) for N queries of an H×W output: N×2.</summary>
    public static Tensor Cells(long count, long height, long width, Device? device = null)
    {
        using Tensor size = DeviceVector.Of(2f / height, 2f / width, device ?? CPU);
        return size.expand(count, 2).contiguous();
    }
}
