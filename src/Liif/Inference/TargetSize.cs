using System.Globalization;

namespace Liif.Inference;

/// <summary>
/// What output size the user asked for: a scale factor (<c>3.7</c>, or <c>2x3</c> for horizontal × vertical) or an
/// exact size (<c>1920x1080</c>, width × height).
/// </summary>
public sealed record TargetSize
{
    private TargetSize(double scaleX, double scaleY, int width, int height)
    {
        (ScaleX, ScaleY, Width, Height) = (scaleX, scaleY, width, height);
    }

    public double ScaleX { get; }

    public double ScaleY { get; }

    public int Width { get; }

    public int Height { get; }

    public bool IsExactSize => Width > 0;

    /// <summary>"S" or "SxT" with S, T positive finite reals.</summary>
    public static TargetSize ParseScale(string text)
    {
        string[] parts = text.Split('x', 'X', '×');
        if (parts.Length is < 1 or > 2)
        {
            throw new LiifException($"bad scale '{text}' (use S or SxT, e.g. 3.7 or 2x3)");
        }

        double sx = ParsePositive(parts[0], text, "scale");
        double sy = parts.Length == 2 ? ParsePositive(parts[1], text, "scale") : sx;
        return new TargetSize(sx, sy, 0, 0);
    }

    /// <summary>"WxH" with positive integers.</summary>
    public static TargetSize ParseSize(string text)
    {
        string[] parts = text.Split('x', 'X', '×');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h))
        {
            throw new LiifException($"bad size '{text}' (use WxH with whole pixel counts, e.g. 1920x1080)");
        }

        if (w <= 0 || h <= 0)
        {
            throw new LiifException($"bad size '{text}': width and height must be at least 1");
        }

        return new TargetSize(0, 0, w, h);
    }

    /// <summary>The output size for an input of the given size.</summary>
    public (int Width, int Height) For(int inputWidth, int inputHeight)
    {
        if (IsExactSize)
        {
            return (Width, Height);
        }

        double w = Math.Round(inputWidth * ScaleX), h = Math.Round(inputHeight * ScaleY);
        if (w > int.MaxValue || h > int.MaxValue)
        {
            throw new LiifException($"scale {ScaleX}x{ScaleY} of a {inputWidth}x{inputHeight} image is too large");
        }

        return ((int)Math.Max(1, w), (int)Math.Max(1, h));
    }

    public override string ToString() => IsExactSize ? $"{Width}x{Height}" : ScaleX == ScaleY ? $"x{ScaleX:0.###}" : $"x{ScaleX:0.###}x{ScaleY:0.###}";

    private static double ParsePositive(string part, string whole, string what)
    {
        if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v))
        {
            throw new LiifException($"bad {what} '{whole}' (not a number)");
        }

        if (double.IsInfinity(v) || v <= 0)
        {
            throw new LiifException($"bad {what} '{whole}': must be a positive finite number");
        }

        return v;
    }
}
