using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Liif.Cli.Serve;

/// <summary>
/// A server's jobs: listed by id for the progress channel, and run one at a time on the server's device in the order
/// they arrived. A client names its job (the form field <c>job</c>) so that it can open the channel before its upload
/// finishes; finished jobs stay listed for <see cref="KeepFinished"/>, for clients that look late, and are then
/// dropped, so the list does not grow with use. Every waiting job's count of jobs ahead is kept up to date. A job
/// whose client leaves while it waits leaves the queue; one that is running stops at its next progress report
/// (<see cref="ServeJob"/>), and the device goes to the next. At most <c>maxWaiting</c> jobs wait (8 by default):
/// each holds its decoded image, so an unbounded queue would let a burst of uploads take all the memory; the next one
/// is refused (<see cref="QueueFullException"/>, HTTP 503).
/// </summary>
internal sealed partial class JobQueue(int maxWaiting = 8)
{
    public static readonly TimeSpan KeepFinished = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, ServeJob> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly List<(ServeJob Job, TaskCompletionSource Turn)> _waiting = [];
    private ServeJob? _running;

    /// <summary>How long the progress channel waits for a job it does not know yet to arrive.</summary>
    public TimeSpan ArrivalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Jobs waiting or running.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count + (_running is null ? 0 : 1);
            }
        }
    }

    /// <summary>
    /// Lists a new job under <paramref name="id"/>, or under a fresh id when the client gave none. A job counts
    /// towards the queue's room from here, before its image is decoded, so a burst of uploads decodes at most as
    /// many images as the queue holds: the others are refused first.
    /// </summary>
    public ServeJob Add(string? id)
    {
        DropFinished();
        id = string.IsNullOrEmpty(id) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) : CheckId(id);
        var job = new ServeJob();
        lock (_lock)
        {
            ThrowIfFull();
            return _jobs.TryAdd(id, job) ? job : throw new UsageException($"job id '{id}' is already in use: give each upload a new one");
        }
    }

    /// <summary>Refuses (<see cref="QueueFullException"/>) when the listed jobs not yet finished fill the device and the queue.</summary>
    public void ThrowIfFull()
    {
        lock (_lock)
        {
            if (_jobs.Values.Count(job => job.FinishedAt is null) > maxWaiting)
            {
                throw Busy();
            }
        }
    }

    public ServeJob? Find(string id)
    {
        DropFinished();
        return _jobs.GetValueOrDefault(id);
    }

    /// <summary>1 to 64 letters, digits, '-' or '_'.</summary>
    public static string CheckId(string id) => JobId().IsMatch(id)
        ? id
        : throw new UsageException("bad job id (use 1 to 64 letters, digits, '-' or '_')");

    /// <summary>
    /// Waits for the device, then runs <paramref name="work"/> (reporting to the job) on a worker thread. Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="token"/> is cancelled first.
    /// </summary>
    public async Task<T> RunAsync<T>(ServeJob job, Func<IProgress<double>, T> work, CancellationToken token)
    {
        bool hasTheDevice = false;
        try
        {
            await WaitForTurnAsync(job, token);
            hasTheDevice = true;
            job.Start(token);
            // Awaited to the end even when cancelled: the device is free only once the work has really stopped.
            T result = await Task.Run(() => work(job), CancellationToken.None);
            job.Finish(JobState.Done);
            return result;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            job.Finish(JobState.Cancelled);
            throw;
        }
        catch
        {
            job.Finish(JobState.Failed);
            throw;
        }
        finally
        {
            if (hasTheDevice)
            {
                PassTheDeviceOn();
            }
        }
    }

    private async Task WaitForTurnAsync(ServeJob job, CancellationToken token)
    {
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (_running is null)
            {
                _running = job;
                return;
            }

            if (_waiting.Count >= maxWaiting)
            {
                throw Busy();
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((job, turn));
            Renumber();
        }

        try
        {
            await turn.Task.WaitAsync(token);
        }
        catch (OperationCanceledException)
        {
            bool handedOver;
            lock (_lock)
            {
                handedOver = _waiting.RemoveAll(w => w.Job == job) == 0;
                Renumber();
            }

            if (handedOver)
            {
                // The device was handed to this job just as its client left: hand it to the next one.
                PassTheDeviceOn();
            }

            throw;
        }
    }

    private void PassTheDeviceOn()
    {
        TaskCompletionSource? next = null;
        lock (_lock)
        {
            _running = null;
            if (_waiting.Count > 0)
            {
                (_running, next) = _waiting[0];
                _waiting.RemoveAt(0);
            }

            Renumber();
        }

        next?.SetResult();
    }

    /// <summary>Jobs ahead of each waiting job: the running one and those before it in the queue.</summary>
    private void Renumber()
    {
        for (int i = 0; i < _waiting.Count; i++)
        {
            _waiting[i].Job.SetQueued(i + (_running is null ? 0 : 1));
        }
    }

    private QueueFullException Busy() =>
        new($"the server is busy: {maxWaiting} jobs are waiting for the device; try again when one has finished");

    private void DropFinished()
    {
        long now = Environment.TickCount64;
        foreach ((string id, ServeJob job) in _jobs)
        {
            if (job.FinishedAt is long at && now - at > KeepFinished.TotalMilliseconds)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex JobId();
}

/// <summary>The queue holds as many waiting jobs as it takes: the request is refused, to be sent again later.</summary>
internal sealed class QueueFullException(string message) : Exception(message);
