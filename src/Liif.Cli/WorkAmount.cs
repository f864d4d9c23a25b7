namespace Liif.Cli;

/// <summary>How much work a progress display counts, and how to say an amount of it: "3.20 MP", "12 images".</summary>
/// <param name="Unit">The unit: "MP" in "1.2 MP/s".</param>
/// <param name="PerUnit">Work counted per unit: 1e6 pixels in a megapixel.</param>
/// <param name="Decimals">Decimals of an amount said.</param>
internal sealed record WorkAmount(double Total, string Unit, double PerUnit = 1, int Decimals = 0)
{
    /// <summary>Output pixels, said in megapixels.</summary>
    public static WorkAmount Pixels(long pixels) => new(pixels, "MP", 1e6, pixels >= 10_000_000 ? 1 : 2);

    /// <summary>An amount done, in the unit, rounded down ("4.00"; 2 of 3 images until the third is done).</summary>
    public string Format(double amount)
    {
        double factor = Math.Pow(10, Decimals);
        return (Math.Floor(amount / PerUnit * factor + 1e-6) / factor).ToString("F" + Decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>A rate in units per second ("0.84").</summary>
    public string FormatRate(double perSecond) => (perSecond / PerUnit).ToString("0.##", CultureInfo.InvariantCulture);
}
