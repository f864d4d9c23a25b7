using static System.FormattableString;

namespace Liif;

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

    internal double ScaleX { get; }

    internal double ScaleY { get; }

    internal int Width { get; }

    internal int Height { get; }

    internal bool IsExactSize => Width > 0;

    /// <summary>Scale the input by <paramref name="scale"/> in both directions (a positive finite number, e.g. 3.7).</summary>
    /// <exception cref="LiifException">The scale is zero, negative, NaN or infinite.</exception>
    public static TargetSize Scale(double scale) => Scale(scale, scale);

    /// <summary>Scale the input by <paramref name="scaleX"/> horizontally and <paramref name="scaleY"/> vertically.</summary>
    /// <exception cref="LiifException">A scale is zero, negative, NaN or infinite.</exception>
    public static TargetSize Scale(double scaleX, double scaleY) =>
        Checked(scaleX, scaleY, scaleX.Equals(scaleY) ? Invariant($"{scaleX}") : Invariant($"{scaleX}x{scaleY}"));

    /// <summary>An output of exactly <paramref name="width"/> × <paramref name="height"/> pixels, whatever the input's size.</summary>
    /// <exception cref="LiifException">The width or height is below 1.</exception>
    public static TargetSize Size(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new LiifException($"bad size '{width}x{height}': width and height must be at least 1");
        }

        return new TargetSize(0, 0, width, height);
    }

    /// <summary>Parses a scale as the command line's <c>--scale</c>: "S" or "SxT" with S, T positive finite reals (e.g. "3.7", "2x3").</summary>
    /// <exception cref="LiifException">The text is not such a scale.</exception>
    public static TargetSize ParseScale(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('x', 'X', '×');
        if (parts.Length is < 1 or > 2)
        {
            throw new LiifException($"bad scale '{text}' (use S or SxT, e.g. 3.7 or 2x3)");
        }

        double sx = ParseNumber(parts[0], text);
        return Checked(sx, parts.Length == 2 ? ParseNumber(parts[1], text) : sx, text);
    }

    /// <summary>Parses a size as the command line's <c>--size</c>: "WxH" with whole pixel counts (e.g. "1920x1080").</summary>
    /// <exception cref="LiifException">The text is not such a size.</exception>
    public static TargetSize ParseSize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('x', 'X', '×');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h))
        {
            throw new LiifException($"bad size '{text}' (use WxH with whole pixel counts, e.g. 1920x1080)");
        }

        return Size(w, h);
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
            throw new LiifException(Invariant($"scale {ScaleX}x{ScaleY} of a {inputWidth}x{inputHeight} image is too large"));
        }

        return ((int)Math.Max(1, w), (int)Math.Max(1, h));
    }

    /// <summary>"x3.7", "x2x3" or "1920x1080".</summary>
    public override string ToString() =>
        IsExactSize ? Invariant($"{Width}x{Height}") : ScaleX == ScaleY ? Invariant($"x{ScaleX:0.###}") : Invariant($"x{ScaleX:0.###}x{ScaleY:0.###}");

    private static double ParseNumber(string part, string whole) =>
        double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new LiifException($"bad scale '{whole}' (not a number)");

    /// <summary>The scale, once both factors are positive and finite; <paramref name="shown"/> is what the user gave.</summary>
    private static TargetSize Checked(double scaleX, double scaleY, string shown)
    {
        foreach (double v in (ReadOnlySpan<double>)[scaleX, scaleY])
        {
            if (double.IsNaN(v))
            {
                throw new LiifException($"bad scale '{shown}' (not a number)");
            }

            if (double.IsInfinity(v) || v <= 0)
            {
                throw new LiifException($"bad scale '{shown}': must be a positive finite number");
            }
        }

        return new TargetSize(scaleX, scaleY, 0, 0);
    }
}
