using Liif.Models;
using static TorchSharp.torch;

namespace Liif.Tests.Models;

public sealed class PixelCoordinatesTests
{
    [Fact]
    public void Centers_are_pixel_midpoints_of_minus_one_to_one()
    {
        using Tensor c = PixelCoordinates.Centers(4);
        Assert.Equal(new[] { -0.75f, -0.25f, 0.25f, 0.75f }, c.data<float>().ToArray());
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
    public void Flat_indices_give_the_grid()
    {
        using var scope = NewDisposeScope();
        Tensor grid = PixelCoordinates.Grid(5, 7).view(-1, 2);
        Tensor flat = PixelCoordinates.ForFlatIndices(arange(35, dtype: int64), 5, 7);
        Assert.True(flat.allclose(grid, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Cells_are_the_output_pixel_size()
    {
        using Tensor cells = PixelCoordinates.Cells(3, 10, 40);
        Assert.Equal(new long[] { 3, 2 }, cells.shape);
        Assert.Equal(new[] { 0.2f, 0.05f }, cells[1].data<float>().ToArray());
    }
}
