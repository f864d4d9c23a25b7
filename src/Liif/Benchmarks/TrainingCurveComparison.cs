namespace Liif.Benchmarks;

/// <summary>Loss per step for each setting, in the order of <see cref="Settings"/>; the first is the reference.</summary>
internal sealed record TrainingCurves(IReadOnlyList<string> Settings, IReadOnlyList<double[]> Losses)
{
    /// <summary>Largest |loss − reference loss| / reference loss over the steps, for setting <paramref name="index"/>.</summary>
    public double MaxRelativeDifference(int index) =>
        Losses[index].Zip(Losses[0], (loss, reference) => Math.Abs(loss - reference) / reference).Max();
}

/// <summary>
/// Trains the same model from the same weights on the same batches (the official sampler: scales U(1, 4), 48×48
/// inputs, 2304 queries) for a number of steps, once with the paper's settings (official decoding path, float32,
/// TorchSharp's Adam), once with our decoding path and TorchSharp's Adam, and once with our decoding path and
/// <see cref="FlatAdam"/> in each of our precisions, and returns the loss curves side by side: the check that a
/// speed-up leaves training unchanged over the first iterations. The flat runs come last: flattening makes the
/// model's parameters views of one buffer for good (the model works as before).
/// </summary>
internal sealed class TrainingCurveComparison(LiifModel model, Device device)
{
    public TrainingCurves Run(IReadOnlyList<ImageU8> images, int steps, IReadOnlyList<TrainingPrecision> precisions, int batch = 16, double lr = 1e-4)
    {
        var sampler = new ImplicitDownsampledSampler();
        var batches = new List<TrainingBatch>();
        for (int s = 0; s < steps; s++)
        {
            var samples = new List<TrainingSample>();
            for (int j = 0; j < batch; j++)
            {
                DeterministicRandom rng = DeterministicRandom.For(s, j);
                samples.Add(sampler.Sample(images[rng.NextInt(images.Count)], rng));
            }

            batches.Add(new TrainingBatch(s, samples));
        }

        using var start = new WeightSnapshot(model);
        var settings = new List<string> { "official path, fp32", "fast path, fp32, TorchSharp Adam" };
        var losses = new List<double[]>
        {
            Train(batches, reference: true, TrainingPrecision.Float32, lr, flat: false),
        };
        start.Restore();
        losses.Add(Train(batches, reference: false, TrainingPrecision.Float32, lr, flat: false));
        foreach (TrainingPrecision precision in precisions)
        {
            start.Restore();
            settings.Add($"fast path, {precision.Name()}, flat Adam");
            losses.Add(Train(batches, reference: false, precision, lr, flat: true));
        }

        foreach (TrainingBatch b in batches)
        {
            b.Dispose();
        }

        start.Restore();
        TrainingPrecision.Float32.ApplyMatmulMode();
        model.eval();
        return new TrainingCurves(settings, losses);
    }

    private double[] Train(IReadOnlyList<TrainingBatch> batches, bool reference, TrainingPrecision precision, double lr, bool flat)
    {
        precision.ApplyMatmulMode();
        model.train();
        List<(string Name, TorchSharp.Modules.Parameter Parameter)> trained = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        using var torchAdam = flat ? null : optim.Adam(trained.Select(p => p.Parameter), lr: lr);
        using var flatAdam = flat ? new FlatAdam(trained, lr) : null;
        ITrainingOptimizer optimizer = flatAdam ?? (ITrainingOptimizer)new TorchOptimizer(torchAdam!);
        LiifTrainingStep.Query query = reference ? LiifTrainingStep.Reference(model) : LiifTrainingStep.Fast(model, precision);
        var losses = new double[batches.Count];
        for (int i = 0; i < batches.Count; i++)
        {
            using var scope = NewDisposeScope();
            Tensor[] t = batches[i].ToTensors(device);
            losses[i] = LiifTrainingStep.Take(model, query, optimizer, t[0], t[1], t[2], t[3]);
        }

        return losses;
    }
}
