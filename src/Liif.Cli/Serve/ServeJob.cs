using System.Diagnostics;

namespace Liif.Cli.Serve;

/// <summary>
/// One upload being upscaled: its state for the progress channel, and the <see cref="IProgress{T}"/> its upscaler
/// reports to. <see cref="Liif.Inference.IUpscaler"/> takes no cancellation token, but every upscaler reports
/// progress between its chunks or tiles, so <see cref="Report"/> is where a cancelled job stops: it throws, and the
/// exception unwinds through the upscaler's dispose scopes, freeing its tensors.
/// </summary>
internal sealed class ServeJob : IProgress<double>
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = new();
    private JobState _state = JobState.Waiting;
    private int _ahead;
    private double _done;
    private (double Seconds, double Done)? _firstReport;
    private CancellationToken _token;

    /// <summary>When it reached a final state (Environment.TickCount64), or null while it is queued or running.</summary>
    public long? FinishedAt { get; private set; }

    public JobSnapshot Snapshot()
    {
        lock (_lock)
        {
            double? elapsed = _state is JobState.Waiting or JobState.Queued ? null : Math.Round(_clock.Elapsed.TotalSeconds, 1);
            // Time left at the rate since the first report: the fraction counts output pixels, so the time before
            // it (the encoder's) would make the rate too slow.
            double? remaining = _state == JobState.Running && _firstReport is (double t0, double f0) && _done > f0
                ? Math.Round((_clock.Elapsed.TotalSeconds - t0) * (1 - _done) / (_done - f0), 1)
                : null;
            return new JobSnapshot(_state, _ahead, _done, elapsed, remaining);
        }
    }

    public void Report(double value)
    {
        _token.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _done = Math.Clamp(value, 0, 1);
            _firstReport ??= (_clock.Elapsed.TotalSeconds, _done);
        }
    }

    /// <summary>In the queue behind <paramref name="ahead"/> jobs.</summary>
    internal void SetQueued(int ahead)
    {
        lock (_lock)
        {
            _state = JobState.Queued;
            _ahead = ahead;
        }
    }

    internal void Start(CancellationToken token)
    {
        lock (_lock)
        {
            _token = token;
            _state = JobState.Running;
            _ahead = 0;
            _clock.Start();
        }
    }

    /// <summary>Moves to a final state; a job that is already in one keeps it.</summary>
    internal void Finish(JobState state)
    {
        lock (_lock)
        {
            if (FinishedAt is not null)
            {
                return;
            }

            _state = state;
            _done = state == JobState.Done ? 1 : _done;
            _clock.Stop();
            FinishedAt = Environment.TickCount64;
        }
    }
}
