namespace Liif.Evaluation;

/// <summary>
/// Scores an upscaler on benchmark datasets: for every HR image and scale, crop HR so that HR/scale is whole
/// (<see cref="LrGeometry"/>), shrink it with the LR kernel (<see cref="LrPair"/>), upscale the LR back to exactly
/// the HR crop's size and measure PSNR and SSIM with the protocol; then average per dataset × scale.
/// </summary>
/// <param name="upscaler">The upscaler evaluated.</param>
/// <param name="options">How LR inputs are made, outputs scored and bad files treated (defaults when null).</param>
internal sealed class Evaluator(IUpscaler upscaler, EvalOptions? options = null)
{
    private readonly EvalOptions _options = options ?? new EvalOptions();

    /// <summary>
    /// Evaluates every dataset at every scale; <paramref name="progress"/> receives the fraction of
    /// image × scale pairs done (0..1). Each image is read once for all scales.
    /// </summary>
    public EvalReport Run(IReadOnlyList<BenchmarkDataset> datasets, IReadOnlyList<double> scales, IProgress<double>? progress = null)
    {
        if (datasets.Count == 0)
        {
            throw new ArgumentException("no datasets to evaluate");
        }

        if (scales.Count == 0 || scales.Distinct().Count() != scales.Count)
        {
            throw new ArgumentException("no scales to evaluate, or a scale listed twice");
        }

        if (datasets.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new LiifException($"two datasets are named '{twice.Key}': results would be ambiguous");
        }

        var clock = Stopwatch.StartNew();
        long total = datasets.Sum(d => (long)Math.Min(d.Files.Count, _options.Limit ?? int.MaxValue)) * scales.Count;
        var tracker = new ProgressTracker(progress, total);
        var infos = new List<EvalDatasetInfo>();
        var results = new List<EvalResult>();
        foreach (BenchmarkDataset dataset in datasets)
        {
            (EvalDatasetInfo info, IReadOnlyList<EvalResult> perScale) = RunDataset(dataset, scales, tracker);
            infos.Add(info);
            results.AddRange(perScale);
        }

        return new EvalReport(upscaler.Name, _options.Protocol, _options.LrKernel, _options.Limit, scales.ToArray(),
            infos, results, clock.Elapsed.TotalSeconds, DateTimeOffset.UtcNow);
    }

    private (EvalDatasetInfo, IReadOnlyList<EvalResult>) RunDataset(BenchmarkDataset dataset, IReadOnlyList<double> scales, ProgressTracker tracker)
    {
        var scores = scales.Select(_ => new List<EvalImageScore>()).ToArray();
        var seconds = new double[scales.Count];
        var kernels = scales.Select(s => LrKernels.Resolve(_options.LrKernel, s)).ToArray();
        var skipped = new List<SkippedImage>();
        void Skip(SkippedImage s)
        {
            skipped.Add(s);
            _options.OnSkipped?.Invoke(dataset.Name, s);
            tracker.Advance(scales.Count);
        }

        foreach ((string name, ImageU8 rgb) in dataset.Read(_options.Limit, _options.Strict, Skip))
        {
            for (int i = 0; i < scales.Count; i++)
            {
                var clock = Stopwatch.StartNew();
                scores[i].Add(Score(dataset.Name, name, rgb, scales[i], tracker.Within()));
                seconds[i] += clock.Elapsed.TotalSeconds;
                tracker.Advance(1);
            }
        }

        int evaluated = scores[0].Count;
        if (evaluated == 0)
        {
            throw new ImageFormatException($"dataset '{dataset.Name}': none of its {skipped.Count} images could be read");
        }

        var results = new EvalResult[scales.Count];
        for (int i = 0; i < scales.Count; i++)
        {
            results[i] = new EvalResult(dataset.Name, scales[i], kernels[i], _options.Protocol,
                _options.Protocol.Shave(scales[i]), scores[i], scores[i].Average(s => s.Psnr),
                scores[i].Average(s => s.Ssim), seconds[i]);
        }

        var info = new EvalDatasetInfo(dataset.Name, dataset.Folder, dataset.Files.Count, evaluated, skipped);
        return (info, results);
    }

    private EvalImageScore Score(string dataset, string image, ImageU8 rgb, double scale, IProgress<double>? progress)
    {
        try
        {
            LrPair pair = LrPair.Make(rgb, scale, _options.LrKernel);
            ImageU8 hr = pair.Hr;
            ImageU8 sr = upscaler.Upscale(pair.Lr, hr.Width, hr.Height, progress);
            if (sr.Width != hr.Width || sr.Height != hr.Height)
            {
                throw new InvalidOperationException(
                    $"{upscaler.Name} returned {sr.Width}x{sr.Height} when asked for {hr.Width}x{hr.Height}");
            }

            return new EvalImageScore(image, hr.Width, hr.Height, pair.Lr.Width, pair.Lr.Height,
                PsnrMetric.Compute(sr, hr, scale, _options.Protocol),
                SsimMetric.Compute(sr, hr, scale, _options.Protocol));
        }
        catch (LiifException e)
        {
            // Too small for the scale, the shave or the SSIM window: say which image.
            throw new LiifException($"{dataset}/{image} at x{EvalScales.Format(scale)}: {e.Message}", e);
        }
    }

    /// <summary>Turns units done (plus the fraction of the current unit) into one fraction of the run.</summary>
    private sealed class ProgressTracker(IProgress<double>? progress, long total)
    {
        private long _done;

        public void Advance(int units)
        {
            _done += units;
            progress?.Report(total == 0 ? 1 : Math.Min(1.0, (double)_done / total));
        }

        /// <summary>A progress for the unit under way, scaled into the run's fraction; null when nobody listens.</summary>
        public IProgress<double>? Within() => total == 0 ? null : InlineProgress.Part(progress, _done, total);
    }
}
