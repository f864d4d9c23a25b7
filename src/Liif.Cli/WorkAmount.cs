namespace Liif.Cli;

/// <summary>How much work a progress display counts, and how to say an amount of it: "3.20 MP", "12 images".</summary>
internal sealed class WorkAmount
{
    private readonly double _perUnit;
    private readonly int _decimals;

    private WorkAmount(double total, string unit, double perUnit, int decimals)
    {
        (Total, Unit, _perUnit, _decimals) = (total, unit, perUnit, decimals);
    }

    public double Total { get; }

    /// <summary>The unit: "MP" in "1.2 MP/s".</summary>
    public string Unit { get; }

    /// <summary>Output pixels, said in megapixels.</summary>
    public static WorkAmount Pixels(long pixels) => new(pixels, "MP", 1e6, pixels >= 10_000_000 ? 1 : 2);

    /// <summary>Whole things, e.g. images: "12".</summary>
    public static WorkAmount Count(long count, string unit) => new(count, unit, 1, 0);

    /// <summary>An amount done, in the unit, rounded down ("4.00"; 2 of 3 images until the third is done).</summary>
    public string Format(double amount)
    {
        double factor = Math.Pow(10, _decimals);
        return (Math.Floor(amount / _perUnit * factor + 1e-6) / factor).ToString("F" + _decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>A rate in units per second ("0.84").</summary>
    public string FormatRate(double perSecond) => (perSecond / _perUnit).ToString("0.##", CultureInfo.InvariantCulture);
}
