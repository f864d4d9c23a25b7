namespace Liif.Comparison;

/// <summary>
/// The eval table of a comparison report: <see cref="Evaluator"/> (the <c>liif eval</c> engine) run for every method
/// on the same datasets at one scale.
/// </summary>
internal static class MethodScoreTables
{
    /// <returns>Every method's label and report, in the order of <paramref name="methods"/>.</returns>
    public static IReadOnlyList<(string Method, EvalReport Report)> Evaluate(IReadOnlyList<ComparisonMethod> methods,
        IReadOnlyList<BenchmarkDataset> datasets, double scale, int? limit = null, Action<string>? log = null,
        IProgress<double>? progress = null)
    {
        if (methods.Count == 0 || datasets.Count == 0)
        {
            throw new ArgumentException("an eval table needs at least one method and one dataset");
        }

        var rows = new List<(string, EvalReport)>();
        for (int i = 0; i < methods.Count; i++)
        {
            ComparisonMethod m = methods[i];
            var evaluator = new Evaluator(m.Upscaler, new EvalOptions { Limit = limit });
            EvalReport report = evaluator.Run(datasets, [scale], InlineProgress.Part(progress, i, methods.Count));
            rows.Add((m.Label, report));
            log?.Invoke($"{m.Label}: " + string.Join(", ", report.Results.Select(r => FormattableString.Invariant($"{r.Dataset} {r.MeanPsnr:F2} dB / {r.MeanSsim:F4}"))));
        }

        return rows;
    }
}
