namespace Liif.Training;

/// <summary>
/// Makes training batches on background threads, ahead of the model, through a bounded queue. Everything random is
/// a function of the run's seed: epoch e visits the dataset in the order <see cref="EpochOrder"/>(seed, e) and item i
/// of epoch e is sampled with <see cref="DeterministicRandom.For"/>(seed, e, i). So any batch of any epoch can be
/// made again on its own, which is what makes resuming exact. The last batch of an epoch may be smaller (as a
/// PyTorch DataLoader without drop_last).
/// </summary>
internal sealed class BatchLoader
{
    /// <summary>Batches made ahead of the model.</summary>
    private const int QueueCapacity = 4;

    private readonly ImageFolderDataset _dataset;
    private readonly Func<ImageU8, DeterministicRandom, IBatchSample> _sample;
    private readonly long _seed;
    private readonly int _workers;
    private readonly bool _pinned;

    /// <param name="sample">Draws one sample from an image with the item's own generator.</param>
    /// <param name="pinned">Stages batches in page-locked memory (for a CUDA run).</param>
    public BatchLoader(ImageFolderDataset dataset, Func<ImageU8, DeterministicRandom, IBatchSample> sample, int batchSize,
        long seed, int workers = 1, bool pinned = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        _dataset = dataset;
        _sample = sample;
        BatchSize = batchSize;
        _seed = seed;
        _workers = workers;
        _pinned = pinned;
    }

    public int BatchSize { get; }

    public int BatchesPerEpoch => (_dataset.Length + BatchSize - 1) / BatchSize;

    /// <summary>The dataset indices of epoch <paramref name="epoch"/> in visiting order: a permutation from (seed, epoch).</summary>
    public static int[] EpochOrder(long seed, int epoch, int length)
    {
        int[] order = new int[length];
        for (int i = 0; i < length; i++)
        {
            order[i] = i;
        }

        DeterministicRandom.For(seed, epoch).ShufflePrefix(order.AsSpan(), length);
        return order;
    }

    /// <summary>Batch <paramref name="index"/> of epoch <paramref name="epoch"/>, made on the calling thread.</summary>
    public TrainingBatch MakeBatch(int epoch, int index, int[]? order = null)
    {
        order ??= EpochOrder(_seed, epoch, _dataset.Length);
        int start = index * BatchSize, count = Math.Min(BatchSize, order.Length - start);
        var samples = new IBatchSample[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _workers }, k =>
        {
            int item = order[start + k];
            samples[k] = _sample(_dataset.Get(item), DeterministicRandom.For(_seed, epoch, item));
        });
        return new TrainingBatch(epoch, index, samples, _pinned);
    }

    /// <summary>
    /// The batches of <paramref name="epoch"/> from <paramref name="firstBatch"/> on, made in the background while the
    /// caller consumes them. Stopping the enumeration early stops the producer. A data error surfaces here.
    /// </summary>
    public IEnumerable<TrainingBatch> Epoch(int epoch, int firstBatch = 0, CancellationToken cancel = default)
    {
        int[] order = EpochOrder(_seed, epoch, _dataset.Length);
        return BackgroundProducer.Run(b => MakeBatch(epoch, b, order), firstBatch, BatchesPerEpoch, QueueCapacity, cancel);
    }
}
