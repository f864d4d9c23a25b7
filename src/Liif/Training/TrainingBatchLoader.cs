namespace Liif.Training;

/// <summary>
/// The <see cref="BatchLoader{TSample, TBatch}"/> of LIIF's <c>sr-implicit-downsampled</c> samples;
/// <paramref name="pinned"/> stages batches in page-locked memory (for a CUDA run).
/// </summary>
internal sealed class TrainingBatchLoader(ImageFolderDataset dataset, ImplicitDownsampledSampler sampler, int batchSize,
    long seed, int workers = 1, int queueCapacity = 4, bool pinned = false)
    : BatchLoader<TrainingSample, TrainingBatch>(dataset, sampler.Sample, (epoch, index, samples) => new TrainingBatch(epoch, index, samples, pinned),
        batchSize, seed, workers, queueCapacity)
{
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
}
