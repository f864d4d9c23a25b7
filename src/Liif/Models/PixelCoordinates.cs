namespace Liif.Models;

/// <summary>
/// LIIF's continuous image domain: an H×W image covers [-1, 1]² and pixel (i, j) is the point at its centre,
/// (y, x) = (-1 + (2i + 1)/H, -1 + (2j + 1)/W) (the official <c>make_coord</c>). Coordinates are stored (y, x).
/// </summary>
internal static class PixelCoordinates
{
    /// <summary>
    /// Centres of the pixels at <paramref name="rowCol"/> (…×2 row and column indices, any number type) of an H×W
    /// grid: …×2 (y, x) in float32, computed as <c>make_coord</c> does, bit for bit: (−1 + 1/n) + i·(2/n) on each axis.
    /// The fast decoder relies on the bits: a query on a latent centre must have a relative coordinate of exactly 0,
    /// as in the official code.
    /// </summary>
    public static Tensor Centers(Tensor rowCol, long height, long width)
    {
        Device device = rowCol.device;
        return rowCol.to(float32).mul(DeviceVector.Of(device, (float)(2.0 / height), (float)(2.0 / width)))
            .add_(DeviceVector.Of(device, (float)(-1 + 1.0 / height), (float)(-1 + 1.0 / width)));
    }

    /// <summary>All pixel centres of an H×W grid: H×W×2 (y, x).</summary>
    public static Tensor Grid(long height, long width, Device? device = null)
    {
        using var scope = NewDisposeScope();
        Tensor[] mesh = meshgrid([arange(height, device: device), arange(width, device: device)], indexing: "ij");
        return Centers(stack(mesh, -1), height, width).MoveToOuterDisposeScope();
    }

    /// <summary>The cell (size of one output pixel in the [-1, 1] domain) for N queries of an H×W output: N×2.</summary>
    public static Tensor Cells(long count, long height, long width, Device? device = null)
    {
        using Tensor size = DeviceVector.Of(device ?? CPU, 2f / height, 2f / width);
        return size.expand(count, 2).contiguous();
    }
}
