namespace Liif.Training;

/// <summary>
/// The <see cref="BatchLoader{TSample, TBatch}"/> of fixed-scale (SRCNN / SRResNet / SRGAN) crop pairs;
/// <paramref name="pinned"/> stages batches in page-locked memory (for a CUDA run).
/// </summary>
internal sealed class FixedScaleBatchLoader(ImageFolderDataset dataset, FixedScaleCropSampler sampler, int batchSize,
    long seed, int workers = 1, int queueCapacity = 4, bool pinned = false)
    : BatchLoader<FixedScaleSample, FixedScaleBatch>(dataset, sampler.Sample, (epoch, index, samples) => new FixedScaleBatch(epoch, index, samples, pinned),
        batchSize, seed, workers, queueCapacity);
