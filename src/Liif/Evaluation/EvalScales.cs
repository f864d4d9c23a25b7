namespace Liif.Evaluation;

/// <summary>Evaluation scales: parsing "2,3,4,6,8" and the checks every scale must pass.</summary>
internal static class EvalScales
{
    private const double WholeTolerance = 1e-9;

    /// <summary>Whether <paramref name="scale"/> is a whole number (up to rounding error).</summary>
    public static bool IsWhole(double scale) => Math.Abs(scale - Math.Round(scale)) < WholeTolerance;

    /// <summary>Throws a one-line <see cref="LiifException"/> unless the scale is finite and above 1.</summary>
    public static void Check(double scale)
    {
        if (double.IsNaN(scale) || double.IsInfinity(scale) || scale <= 1)
        {
            throw new LiifException(
                $"scale {Format(scale)} is not above 1: evaluation shrinks HR by the scale and upscales it back");
        }
    }

    /// <summary>A comma-separated list such as "2,3,4,6,8" or "2.5, 3"; each scale above 1, none twice.</summary>
    public static IReadOnlyList<double> Parse(string text)
    {
        var scales = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string number = part.StartsWith('x') || part.StartsWith('X') ? part[1..] : part;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double scale))
            {
                throw new LiifException($"bad scale '{part}' in '{text}' (use a comma-separated list, e.g. 2,3,4,6,8)");
            }

            Check(scale);
            if (scales.Contains(scale))
            {
                throw new LiifException($"scale {Format(scale)} is listed twice in '{text}'");
            }

            scales.Add(scale);
        }

        return scales;
    }

    /// <summary>
    /// "2", "2.5": the shortest invariant form, for names and tables. A scale of a million or more (only ever a
    /// mistake) is written with an exponent, "1E+308", so that an error message naming it stays one short line.
    /// </summary>
    public static string Format(double scale) =>
        scale.ToString(Math.Abs(scale) < 1e6 ? "0.####" : "0.###E+0", CultureInfo.InvariantCulture);
}
