namespace Liif.Comparison;

/// <summary>Builds a <see cref="MethodScoreTable"/> by running <see cref="Evaluator"/> (the <c>liif eval</c> engine) for every method.</summary>
internal static class MethodScoreTables
{
    public static MethodScoreTable Evaluate(IReadOnlyList<ComparisonMethod> methods, IReadOnlyList<BenchmarkDataset> datasets,
        double scale, int? limit = null, Action<string>? log = null, IProgress<double>? progress = null)
    {
        if (methods.Count == 0 || datasets.Count == 0)
        {
            throw new ArgumentException("an eval table needs at least one method and one dataset");
        }

        var rows = new List<(string, IReadOnlyDictionary<string, DatasetScore>)>();
        EvalReport? last = null;
        for (int i = 0; i < methods.Count; i++)
        {
            ComparisonMethod m = methods[i];
            var evaluator = new Evaluator(m.Upscaler, new EvalOptions { Limit = limit });
            EvalReport report = evaluator.Run(datasets, [scale], InlineProgress.Part(progress, i, methods.Count));
            var scores = report.Results.ToDictionary(r => r.Dataset, r => new DatasetScore(r.MeanPsnr, r.MeanSsim));
            rows.Add((m.Label, scores));
            log?.Invoke($"{m.Label}: " + string.Join(", ", report.Results.Select(r => FormattableString.Invariant($"{r.Dataset} {r.MeanPsnr:F2} dB / {r.MeanSsim:F4}"))));
            last = report;
        }

        var sets = last!.Datasets.Select(d => (d.Name, d.Evaluated)).ToArray();
        string protocol = string.Join("; ", EvalSummary.Lines(last).Where(l => !l.StartsWith("model:", StringComparison.Ordinal)));
        return new MethodScoreTable(scale, sets, rows, protocol);
    }
}
