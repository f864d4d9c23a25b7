namespace Liif.Tests.Models;

public sealed class PixelCoordinatesTests
{
    [Fact]
    public void Centers_are_pixel_midpoints_of_minus_one_to_one()
    {
        using var scope = NewDisposeScope();
        Tensor c = PixelCoordinates.Centers(stack([arange(4), zeros(4, dtype: int64)], -1), 4, 2);
        Assert.Equal(new[] { -0.75f, -0.5f, -0.25f, -0.5f, 0.25f, -0.5f, 0.75f, -0.5f }, c.data<float>().ToArray());
    }

    [Fact]
    public void Grid_is_y_then_x()
    {
        using var scope = NewDisposeScope();
        Tensor g = PixelCoordinates.Grid(2, 4);
        Assert.Equal(new long[] { 2, 4, 2 }, g.shape);
        Assert.Equal(-0.5f, g[0, 3, 0].item<float>());   // row 0 of 2
        Assert.Equal(0.75f, g[0, 3, 1].item<float>());   // column 3 of 4
    }

    [Fact]
    public void Centers_are_make_coords_bits()
    {
        // (-1 + 1/n) + i·(2/n) in float32, the official make_coord's operations, for every size up to 300 on both axes.
        for (int n = 1; n <= 300; n++)
        {
            using var scope = NewDisposeScope();
            float[] ours = PixelCoordinates.Grid(n, 301 - n).data<float>().ToArray();
            float Center(int i, int size) => (float)(-1 + 1.0 / size) + i * (float)(2.0 / size);
            Assert.Equal(Enumerable.Range(0, n * (301 - n)).SelectMany(k => new[] { Center(k / (301 - n), n), Center(k % (301 - n), 301 - n) }), ours);
        }
    }

    [Fact]
    public void Cells_are_the_output_pixel_size()
    {
        using Tensor cells = PixelCoordinates.Cells(3, 10, 40);
        Assert.Equal(new long[] { 3, 2 }, cells.shape);
        Assert.Equal(new[] { 0.2f, 0.05f }, cells[1].data<float>().ToArray());
    }
}
