namespace Liif.Training;

/// <summary>
/// The any-time schedule (config key <c>budget_lr_decay</c>): over the last <see cref="Fraction"/> of an
/// invocation's budget (<c>--max-minutes</c> or <c>--max-iterations</c>, whichever is nearer its end) the learning
/// rate falls along a half cosine from the scheduled rate to <see cref="Floor"/> times it. So every invocation,
/// however long, ends with a low-rate phase that settles the weights, and the next one (<c>--resume</c>) starts at
/// the full rate again (a warm restart, as SGDR). Without a budget it does nothing.
/// </summary>
internal sealed record BudgetLrDecay(double Fraction = 0.25, double Floor = 0)
{
    /// <summary>The factor on the scheduled rate when <paramref name="progress"/> (0–1) of the budget is spent.</summary>
    public double Factor(double? progress)
    {
        if (progress is not double p || p <= 1 - Fraction)
        {
            return 1;
        }

        double t = Math.Min(1, (p - (1 - Fraction)) / Fraction);
        return Floor + (1 - Floor) * 0.5 * (1 + Math.Cos(Math.PI * t));
    }

    internal (string Key, string Why)? Problem() =>
        ConfigRule.Fails(Fraction is <= 0 or > 1, "fraction", $"must be above 0 and at most 1, got {Fraction}")
        ?? ConfigRule.Fails(Floor is < 0 or > 1, "floor", $"must be between 0 and 1, got {Floor}");
}
