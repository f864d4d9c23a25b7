namespace Liif.Training;

/// <summary>
/// <see cref="TrainingBatchLoader"/>'s scheme for fixed-scale pairs: epoch e visits the dataset in the order
/// <see cref="TrainingBatchLoader.EpochOrder"/>(seed, e), item i of epoch e is sampled with
/// <see cref="DeterministicRandom.For"/>(seed, e, i), batches are made in the background. Any batch can be made again
/// on its own, so resuming is exact.
/// </summary>
public sealed class FixedScaleBatchLoader
{
    private readonly ImageFolderDataset _dataset;
    private readonly FixedScaleCropSampler _sampler;
    private readonly long _seed;
    private readonly int _workers;
    private readonly int _queueCapacity;

    public FixedScaleBatchLoader(ImageFolderDataset dataset, FixedScaleCropSampler sampler, int batchSize, long seed,
        int workers = 1, int queueCapacity = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queueCapacity);
        _dataset = dataset;
        _sampler = sampler;
        BatchSize = batchSize;
        _seed = seed;
        _workers = workers;
        _queueCapacity = queueCapacity;
    }

    public int BatchSize { get; }

    public int BatchesPerEpoch => (_dataset.Length + BatchSize - 1) / BatchSize;

    /// <summary>Batch <paramref name="index"/> of epoch <paramref name="epoch"/>, made on the calling thread.</summary>
    public FixedScaleBatch MakeBatch(int epoch, int index, int[]? order = null)
    {
        order ??= TrainingBatchLoader.EpochOrder(_seed, epoch, _dataset.Length);
        int start = index * BatchSize, count = Math.Min(BatchSize, order.Length - start);
        var samples = new FixedScaleSample[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _workers }, k =>
        {
            int item = order[start + k];
            samples[k] = _sampler.Sample(_dataset.Get(item), DeterministicRandom.For(_seed, epoch, item));
        });
        return new FixedScaleBatch(epoch, index, samples);
    }

    /// <summary>The batches of <paramref name="epoch"/> from <paramref name="firstBatch"/> on, made in the background.</summary>
    public IEnumerable<FixedScaleBatch> Epoch(int epoch, int firstBatch = 0, CancellationToken cancel = default)
    {
        int[] order = TrainingBatchLoader.EpochOrder(_seed, epoch, _dataset.Length);
        return BackgroundProducer.Run(b => MakeBatch(epoch, b, order), firstBatch, BatchesPerEpoch, _queueCapacity, cancel);
    }
}
