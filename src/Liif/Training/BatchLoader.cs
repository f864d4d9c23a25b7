namespace Liif.Training;

/// <summary>
/// Makes training batches on background threads, ahead of the model, through a bounded queue. Everything random is
/// a function of the run's seed: epoch e visits the dataset in the order <see cref="TrainingBatchLoader.EpochOrder"/>(seed, e) and item i
/// of epoch e is sampled with <see cref="DeterministicRandom.For"/>(seed, e, i). So any batch of any epoch can be
/// made again on its own, which is what makes resuming exact. The last batch of an epoch may be smaller (as a
/// PyTorch DataLoader without drop_last).
/// </summary>
internal class BatchLoader<TSample, TBatch> : IBatchSource
    where TBatch : class, IEpochBatch
{
    private readonly ImageFolderDataset _dataset;
    private readonly Func<ImageU8, DeterministicRandom, TSample> _sample;
    private readonly Func<int, int, TSample[], TBatch> _makeBatch;
    private readonly long _seed;
    private readonly int _workers;
    private readonly int _queueCapacity;

    /// <param name="sample">Draws one sample from an image with the item's own generator.</param>
    /// <param name="makeBatch">Stacks (epoch, batch index, samples) into a batch.</param>
    public BatchLoader(ImageFolderDataset dataset, Func<ImageU8, DeterministicRandom, TSample> sample,
        Func<int, int, TSample[], TBatch> makeBatch, int batchSize, long seed, int workers = 1, int queueCapacity = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queueCapacity);
        _dataset = dataset;
        _sample = sample;
        _makeBatch = makeBatch;
        BatchSize = batchSize;
        _seed = seed;
        _workers = workers;
        _queueCapacity = queueCapacity;
    }

    public int BatchSize { get; }

    public int BatchesPerEpoch => (_dataset.Length + BatchSize - 1) / BatchSize;

    /// <summary>Batch <paramref name="index"/> of epoch <paramref name="epoch"/>, made on the calling thread.</summary>
    public TBatch MakeBatch(int epoch, int index, int[]? order = null)
    {
        order ??= TrainingBatchLoader.EpochOrder(_seed, epoch, _dataset.Length);
        int start = index * BatchSize, count = Math.Min(BatchSize, order.Length - start);
        var samples = new TSample[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _workers }, k =>
        {
            int item = order[start + k];
            samples[k] = _sample(_dataset.Get(item), DeterministicRandom.For(_seed, epoch, item));
        });
        return _makeBatch(epoch, index, samples);
    }

    /// <summary>
    /// The batches of <paramref name="epoch"/> from <paramref name="firstBatch"/> on, made in the background while the
    /// caller consumes them. Stopping the enumeration early stops the producer. A data error surfaces here.
    /// </summary>
    public IEnumerable<TBatch> Epoch(int epoch, int firstBatch = 0, CancellationToken cancel = default)
    {
        int[] order = TrainingBatchLoader.EpochOrder(_seed, epoch, _dataset.Length);
        return BackgroundProducer.Run(b => MakeBatch(epoch, b, order), firstBatch, BatchesPerEpoch, _queueCapacity, cancel);
    }

    IEnumerable<IEpochBatch> IBatchSource.Epoch(int epoch, int firstBatch) => Epoch(epoch, firstBatch);
}
