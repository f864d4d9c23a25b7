namespace Liif.Benchmarks;

/// <summary>One row of the speed table: the same work done by the reference path and by the fast path.</summary>
internal sealed record SpeedRow(string Work, double ReferenceMs, double FastMs, double? ReferencePeakMiB, double? FastPeakMiB, string Agreement)
{
    public double Speedup => ReferenceMs / FastMs;
}

/// <summary>
/// Times the official code's literal decoding path against our fast path, side by side in one process, on the
/// same model and inputs: x4 inference from square LR images, and one training step (batch 16, 48×48 inputs, 2304
/// queries, L1, Adam), with TorchSharp's Adam and with ours. Medians over repeats after a warm-up.
/// </summary>
internal sealed class SpeedBenchmark(LiifModel model, Device device, int repeats, int tileSize = TiledLiifUpscaler.DefaultTileSize)
{
    /// <summary>
    /// Inference at a whole scale from a square LR image: the reference path, then the fast path in float32 and with
    /// a bfloat16 decoder for each query chunk size (the most output pixels decoded at once).
    /// </summary>
    public IReadOnlyList<SpeedRow> Inference(int lrSize, int scale, IReadOnlyList<int> chunkSizes)
    {
        ImageU8 lr = SmoothNoiseImage.Create(lrSize, lrSize);
        int outSize = lrSize * scale;
        var reference = new TiledLiifUpscaler(model, device, TiledLiifUpscaler.DefaultMaxQueries, tileSize: int.MaxValue, decoder: ReferenceTileDecoder.For(model));
        (double refMs, double? refPeak, ImageU8 refOut) = Time(() => reference.Upscale(lr, outSize, outSize));

        var rows = new List<SpeedRow>();
        foreach (int chunk in chunkSizes)
        {
            foreach (DecoderPrecision precision in new[] { DecoderPrecision.Float32, DecoderPrecision.BFloat16 })
            {
                var fast = new TiledLiifUpscaler(model, device, chunk, precision: precision, tileSize: tileSize);
                (double fastMs, double? fastPeak, ImageU8 fastOut) = Time(() => fast.Upscale(lr, outSize, outSize));
                string label = (precision == DecoderPrecision.Float32 ? "fp32" : "bf16 decoder") + (chunkSizes.Count > 1 ? $", {chunk} queries a chunk" : "");
                rows.Add(new SpeedRow($"x{scale} inference {lrSize}→{outSize} ({label})", refMs, fastMs, refPeak, fastPeak, Agreement(refOut, fastOut, scale)));
            }
        }

        return rows;
    }

    private static string Agreement(ImageU8 reference, ImageU8 fast, int scale)
    {
        double psnr = PsnrMetric.Compute(fast, reference, scale, EvalProtocol.Div2k);
        int maxDiff = reference.Pixels.Zip(fast.Pixels, (a, b) => Math.Abs(a - b)).Max();
        return double.IsPositiveInfinity(psnr) ? "identical to reference" : $"max {maxDiff} grey, PSNR {psnr:0.0} dB vs reference";
    }

    /// <summary>
    /// One training step (batch 16, 48×48 inputs, 2304 queries, L1, Adam): the official decoding path in float32 with
    /// TorchSharp's Adam (the reference, as the official code), against our decoding path in each of
    /// <paramref name="precisions"/>, first with TorchSharp's Adam (one update per parameter tensor), then with
    /// <see cref="FlatAdam"/> (one update over all parameters); and the Adam update alone, TorchSharp's against ours.
    /// Every measurement starts from the same weights with a fresh optimiser and takes the same number of steps, so
    /// the losses it ends with are comparable. The flat rows come last: flattening makes the model's parameters views
    /// of one buffer for good (the model works as before).
    /// </summary>
    public IReadOnlyList<SpeedRow> TrainingStep(IReadOnlyList<TrainingPrecision> precisions, int batch = 16, int inputSize = 48, int queries = 2304)
    {
        manual_seed(0);
        Tensor inp = rand(batch, 3, inputSize, inputSize, device: device).mul_(2).sub_(1);
        Tensor coord = rand(batch, queries, 2, device: device).mul_(2).sub_(1);
        Tensor cell = full(batch, queries, 2, 2.0f / (inputSize * 2.5f), device: device);
        Tensor gt = rand(batch, queries, 3, device: device).mul_(2).sub_(1);
        List<(string Name, Parameter Parameter)> trained = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        model.train();
        float lastLoss = 0;

        // Each measurement: the same starting weights, a fresh optimiser, warm-up + repeats steps.
        using var start = new WeightSnapshot(model);
        (double Ms, double? Peak, float Loss) Measure(bool reference, TrainingPrecision precision, bool flat)
        {
            start.Restore();
            precision.ApplyMatmulMode();
            using var torchAdam = flat ? null : optim.Adam(trained.Select(p => p.Parameter), lr: 1e-4);
            using var flatAdam = flat ? new FlatAdam(trained, lr: 1e-4) : null;
            ITrainingOptimizer optimizer = flatAdam ?? (ITrainingOptimizer)new TorchOptimizer(torchAdam!);
            LiifTrainingStep.Query query = reference ? LiifTrainingStep.Reference(model) : LiifTrainingStep.Fast(model, precision);
            (double ms, double? peak, _) = Time(() =>
            {
                using var scope = NewDisposeScope();
                return lastLoss = LiifTrainingStep.Take(model, query, optimizer, inp, coord, cell, gt);
            });
            return (ms, peak, lastLoss);
        }

        (double refMs, double? refPeak, float refLoss) = Measure(true, TrainingPrecision.Float32, flat: false);
        string Label(TrainingPrecision precision, string adam) => $"training step ({precision.Name()}, {adam}), batch {batch}, {inputSize}×{inputSize}, {queries} queries";
        var rows = new List<SpeedRow>();
        foreach (bool flat in new[] { false, true })
        {
            if (flat)
            {
                rows.Add(AdamAlone(trained));
            }

            foreach (TrainingPrecision precision in precisions)
            {
                (double ms, double? peak, float loss) = Measure(false, precision, flat);
                rows.Add(new SpeedRow(Label(precision, flat ? "flat Adam" : "TorchSharp Adam"), refMs, ms, refPeak, peak,
                    $"loss {refLoss:0.00000} / {loss:0.00000} after {repeats + 1} steps"));
            }
        }

        TrainingPrecision.Float32.ApplyMatmulMode();
        start.Restore();
        model.eval();
        return rows;
    }

    /// <summary>The Adam update alone, on the gradients of one step: TorchSharp's per-tensor loop against <see cref="FlatAdam"/>.</summary>
    private SpeedRow AdamAlone(List<(string Name, Parameter Parameter)> trained)
    {
        using var start = new WeightSnapshot(model);
        Tensor[] grads = trained.Select(p => (p.Parameter.grad ?? throw new InvalidOperationException("no gradients yet")).detach().clone()).ToArray();
        using var torchAdam = optim.Adam(trained.Select(p => p.Parameter), lr: 1e-4);
        (double torchMs, _, _) = Time(() =>
        {
            using var scope = NewDisposeScope();
            torchAdam.step();
            return 0;
        });
        float[] torchResult = trained[^1].Parameter.data<float>().ToArray();
        start.Restore();
        using var flatAdam = new FlatAdam(trained, lr: 1e-4);
        using (no_grad())
        using (NewDisposeScope())
        {
            for (int i = 0; i < grads.Length; i++)
            {
                flatAdam.Parameters.Slice(flatAdam.Parameters.Grads!, i).copy_(grads[i]);
                grads[i].Dispose();
            }
        }

        (double flatMs, _, _) = Time(() =>
        {
            flatAdam.Step();
            return 0;
        });
        bool same = trained[^1].Parameter.data<float>().ToArray().AsSpan().SequenceEqual(torchResult);
        start.Restore();
        long parameters = trained.Sum(p => p.Parameter.numel());
        return new SpeedRow($"Adam update alone ({trained.Count} tensors, {parameters / 1e6:0.00} M parameters): TorchSharp Adam → flat Adam",
            torchMs, flatMs, null, null, same ? "same weights after it" : "weights differ (float rounding)");
    }

    private (double MedianMs, double? PeakMiB, T Last) Time<T>(Func<T> work)
    {
        T last = work(); // warm-up
        Synchronize();
        PeakMemory.Reset(device);
        var times = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            last = work();
            Synchronize();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], PeakMemory.ReadMiB(device), last);
    }

    private void Synchronize()
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize();
        }
    }
}
