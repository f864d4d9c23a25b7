namespace Liif.Evaluation;

/// <summary>One channel of an image as doubles, row-major.</summary>
internal sealed class Plane
{
    public Plane(int width, int height, double[] values)
    {
        if (values.Length != width * height)
        {
            throw new ArgumentException($"a {width}x{height} plane needs {width * height} values", nameof(values));
        }
        Width = width;
        Height = height;
        Values = values;
    }

    public int Width { get; }

    public int Height { get; }

    public double[] Values { get; }

    /// <summary>A copy without <paramref name="border"/> pixels on each side.</summary>
    public Plane Shave(int border)
    {
        if (border == 0)
        {
            return this;
        }
        int w = Width - 2 * border;
        int h = Height - 2 * border;
        if (w <= 0 || h <= 0)
        {
            throw new LiifException(
                $"a {Width}x{Height} image is too small to shave {border} pixels from each border");
        }
        var values = new double[w * h];
        for (int y = 0; y < h; y++)
        {
            Array.Copy(Values, (y + border) * Width + border, values, y * w, w);
        }
        return new Plane(w, h, values);
    }
}
