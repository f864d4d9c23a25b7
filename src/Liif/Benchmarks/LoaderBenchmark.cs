namespace Liif.Benchmarks;

/// <summary>What the training data pipeline delivers: samples a second on one thread, and batches a second from the loader.</summary>
internal sealed record LoaderThroughput(string Data, int BatchSize, double SamplesPerSecondOneThread, int Workers, double BatchesPerSecond);

/// <summary>
/// Times the training data pipeline as <c>liif train</c> runs it (the official sampler: scales U(1, 4), 48×48
/// inputs, 2304 queries, augmentation): one thread drawing samples from the in-memory images, then the batch loader
/// with a number of worker threads delivering batches to a consumer that takes their tensors and drops them, which
/// is all the training thread does with a batch. Whether the loader keeps up with a GPU is the second figure against
/// the GPU's steps a second.
/// </summary>
internal static class LoaderBenchmark
{
    public static LoaderThroughput Measure(IReadOnlyList<string> folders, int batchSize, int workers, TimeSpan duration)
    {
        var sampler = new ImplicitDownsampledSampler();
        var dataset = new ImageFolderDataset(folders, repeat: 20, minSide: sampler.MinImageSide);

        // One thread, as one core of the loader: samples of a shuffled epoch, after a short warm-up.
        int[] order = BatchLoader.EpochOrder(0, 1, dataset.Length);
        for (int i = 0; i < 20; i++)
        {
            sampler.Sample(dataset.Get(order[i]), DeterministicRandom.For(0, 1, order[i]));
        }

        var clock = Stopwatch.StartNew();
        int samples = 0;
        while (clock.Elapsed < duration)
        {
            int item = order[(20 + samples) % order.Length];
            sampler.Sample(dataset.Get(item), DeterministicRandom.For(0, 1, item));
            samples++;
        }

        double perSecond = samples / clock.Elapsed.TotalSeconds;

        var loader = new BatchLoader(dataset, sampler.Sample, batchSize, seed: 0, workers);
        int batches = 0;
        clock.Restart();
        foreach (TrainingBatch batch in loader.Epoch(1))
        {
            using (batch)
            using (NewDisposeScope())
            {
                batch.ToTensors(CPU);
            }

            if (++batches == 5)
            {
                clock.Restart(); // the queue fills first: time the steady state
            }

            if (clock.Elapsed >= duration && batches > 5)
            {
                break;
            }
        }

        return new LoaderThroughput(dataset.Describe(), batchSize, perSecond, workers, (batches - 5) / clock.Elapsed.TotalSeconds);
    }
}
