namespace Liif.Comparison;

/// <summary>A rectangle of an image in pixels: left, top, width, height.</summary>
internal readonly record struct CropRect(int X, int Y, int Width, int Height)
{
    /// <summary>"x,y,w,h" with whole numbers, w and h at least 1.</summary>
    public static CropRect Parse(string text)
    {
        string[] parts = text.Split(',');
        var values = new int[4];
        if (parts.Length != 4 || !parts.Select((p, i) => int.TryParse(p.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i])).All(ok => ok))
        {
            throw new LiifException($"bad crop '{text}' (use x,y,w,h in HR pixels, e.g. 100,80,64,64)");
        }

        if (values[0] < 0 || values[1] < 0 || values[2] < 1 || values[3] < 1)
        {
            throw new LiifException($"bad crop '{text}': x and y must be 0 or more, w and h at least 1");
        }

        return new CropRect(values[0], values[1], values[2], values[3]);
    }

    /// <summary>Whether the rectangle lies inside a width × height image (in 64 bits: x + w may pass int's range).</summary>
    public bool FitsIn(int width, int height) => (long)X + Width <= width && (long)Y + Height <= height;

    public override string ToString() => $"{X},{Y},{Width},{Height}";
}
