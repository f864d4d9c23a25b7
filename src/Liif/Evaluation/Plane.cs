namespace Liif.Evaluation;

/// <summary>One channel of an image as doubles, row-major.</summary>
/// <param name="Values">Width × height values.</param>
internal sealed record Plane(int Width, int Height, double[] Values)
{
    /// <summary>A copy without <paramref name="border"/> pixels on each side.</summary>
    public Plane Shave(int border)
    {
        if (border == 0)
        {
            return this;
        }
        ArgumentOutOfRangeException.ThrowIfNegative(border);
        if (2L * border >= Width || 2L * border >= Height)
        {
            throw new LiifException(
                $"a {Width}x{Height} image is too small to shave {border} pixels from each border");
        }

        int w = Width - 2 * border;
        int h = Height - 2 * border;
        var values = new double[w * h];
        for (int y = 0; y < h; y++)
        {
            Array.Copy(Values, (y + border) * Width + border, values, y * w, w);
        }
        return new Plane(w, h, values);
    }
}
