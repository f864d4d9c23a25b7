using System.Threading.Channels;

namespace Liif.Training;

/// <summary>
/// Makes items <c>first..end-1</c> on a background task, ahead of the consumer, through a bounded queue (the batch
/// loaders' engine). Stopping the enumeration early stops the producer and disposes the items it made ahead; an
/// exception in <c>make</c> surfaces in the consumer.
/// </summary>
internal static class BackgroundProducer
{
    public static IEnumerable<T> Run<T>(Func<int, T> make, int first, int end, int capacity, CancellationToken cancel = default)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
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
                for (int i = first; i < end; i++)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    T item = make(i);
                    try
                    {
                        await channel.Writer.WriteAsync(item, stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        (item as IDisposable)?.Dispose(); // made while the consumer stopped: nobody will read it
                        throw;
                    }
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
            // A reader of a channel completed with an error throws that error itself (a data error, say).
            foreach (T item in channel.Reader.ReadAllAsync().ToBlockingEnumerable())
            {
                yield return item;
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

            while (channel.Reader.TryRead(out T? unread))
            {
                (unread as IDisposable)?.Dispose(); // made ahead but never consumed
            }
        }
    }
}
