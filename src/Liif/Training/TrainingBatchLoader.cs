using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Liif.Training;

/// <summary>
/// Makes training batches on background threads, ahead of the model, through a bounded queue. Everything random is
/// a function of the run's seed: epoch e visits the dataset in the order <see cref="EpochOrder"/>(seed, e) and item i
/// of epoch e is sampled with <see cref="DeterministicRandom.For"/>(seed, e, i). So any batch of any epoch can be
/// made again on its own, which is what makes resuming exact. The last batch of an epoch may be smaller (as a
/// PyTorch DataLoader without drop_last).
/// </summary>
public sealed class TrainingBatchLoader
{
    private readonly ImageFolderDataset _dataset;
    private readonly ImplicitDownsampledSampler _sampler;
    private readonly long _seed;
    private readonly int _workers;
    private readonly int _queueCapacity;

    public TrainingBatchLoader(ImageFolderDataset dataset, ImplicitDownsampledSampler sampler, int batchSize, long seed,
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
        var samples = new TrainingSample[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _workers }, k =>
        {
            int item = order[start + k];
            samples[k] = _sampler.Sample(_dataset.Get(item), DeterministicRandom.For(_seed, epoch, item));
        });
        return new TrainingBatch(epoch, index, samples);
    }

    /// <summary>
    /// The batches of <paramref name="epoch"/> from <paramref name="firstBatch"/> on, made in the background while the
    /// caller consumes them. Stopping the enumeration early stops the producer. A data error surfaces here.
    /// </summary>
    public IEnumerable<TrainingBatch> Epoch(int epoch, int firstBatch = 0, CancellationToken cancel = default)
    {
        int[] order = EpochOrder(_seed, epoch, _dataset.Length);
        var channel = Channel.CreateBounded<TrainingBatch>(new BoundedChannelOptions(_queueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Task producer = Task.Run(async () =>
        {
            try
            {
                for (int b = firstBatch; b < BatchesPerEpoch; b++)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    await channel.Writer.WriteAsync(MakeBatch(epoch, b, order), stop.Token).ConfigureAwait(false);
                }

                channel.Writer.Complete();
            }
            catch (OperationCanceledException)
            {
                channel.Writer.TryComplete();
            }
            catch (AggregateException e)
            {
                channel.Writer.TryComplete(e.Flatten().InnerExceptions[0]);
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);

        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = channel.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                }
                catch (ChannelClosedException e) when (e.InnerException is not null)
                {
                    ExceptionDispatchInfo.Throw(e.InnerException);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                while (channel.Reader.TryRead(out TrainingBatch? batch))
                {
                    yield return batch;
                }
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
            }
        }
    }
}
