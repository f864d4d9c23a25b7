namespace Liif.Training;

/// <summary>
/// Makes training batches on background threads, ahead of the model, through a bounded queue. Everything random is
/// a function of the run's seed: epoch e visits the dataset in the order <see cref="EpochOrder"/>(seed, e) and item i
/// of epoch e is sampled with <see cref="DeterministicRandom.For"/>(seed, e, i). So any batch of any epoch can be
/// made again on its own, which is what makes resuming exact. The last batch of an epoch may be smaller (as a
/// PyTorch DataLoader without drop_last).
/// </summary>
/// <param name="sample">Draws one sample from an image with the item's own generator.</param>
/// <param name="pinned">Stages batches in page-locked memory (for a CUDA run).</param>
internal sealed class BatchLoader(ImageFolderDataset dataset, Func<ImageU8, DeterministicRandom, IBatchSample> sample, int batchSize,
    long seed, int workers = 1, bool pinned = false)
{
    /// <summary>Batches made ahead of the model.</summary>
    private const int QueueCapacity = 4;

    public int BatchesPerEpoch => (dataset.Length + batchSize - 1) / batchSize;

    /// <summary>The dataset indices of epoch <paramref name="epoch"/> in visiting order: a permutation from (seed, epoch).</summary>
    public static int[] EpochOrder(long seed, int epoch, int length)
    {
        int[] order = Enumerable.Range(0, length).ToArray();
        DeterministicRandom.For(seed, epoch).ShufflePrefix(order.AsSpan(), length);
        return order;
    }

    /// <summary>Batch <paramref name="index"/> of epoch <paramref name="epoch"/>, made on the calling thread.</summary>
    public TrainingBatch MakeBatch(int epoch, int index, int[]? order = null)
    {
        order ??= EpochOrder(seed, epoch, dataset.Length);
        int start = index * batchSize, count = Math.Min(batchSize, order.Length - start);
        var samples = new IBatchSample[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, k =>
        {
            int item = order[start + k];
            samples[k] = sample(dataset.Get(item), DeterministicRandom.For(seed, epoch, item));
        });
        return new TrainingBatch(index, samples, pinned);
    }

    /// <summary>
    /// The batches of <paramref name="epoch"/> from <paramref name="firstBatch"/> on, made in the background while the
    /// caller consumes them. Stopping the enumeration early stops the producer. A data error surfaces here.
    /// </summary>
    public IEnumerable<TrainingBatch> Epoch(int epoch, int firstBatch = 0, CancellationToken cancel = default)
    {
        int[] order = EpochOrder(seed, epoch, dataset.Length);
        return BackgroundProducer.Run(b => MakeBatch(epoch, b, order), firstBatch, BatchesPerEpoch, QueueCapacity, cancel);
    }
}
