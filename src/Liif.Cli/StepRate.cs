namespace Liif.Cli;

/// <summary>
/// Seconds per training step over the last steps, and the time the remaining steps should take, no longer than the
/// minutes left of <c>--max-minutes</c>.
/// </summary>
internal sealed class StepRate(TrainingBudget? budget = null)
{
    private readonly Queue<double> _times = new();

    /// <summary>Records a step that ended <paramref name="sessionSeconds"/> after this invocation's start.</summary>
    public void Add(double sessionSeconds)
    {
        _times.Enqueue(sessionSeconds);
        if (_times.Count > 21)
        {
            _times.Dequeue();
        }
    }

    /// <summary>
    /// Mean seconds per step over the window; after one step, that step's time since the start (setup included, so an
    /// overestimate, but a number); NaN before any step.
    /// </summary>
    public double SecondsPerStep => _times.Count switch
    {
        0 => double.NaN,
        1 => _times.Peek(),
        _ => (_times.Last() - _times.Peek()) / (_times.Count - 1),
    };

    /// <summary>The time <paramref name="steps"/> more steps take at this rate, capped by the time budget left.</summary>
    public TimeSpan? Remaining(long steps)
    {
        TimeSpan? atRate = double.IsFinite(SecondsPerStep) ? TimeSpan.FromSeconds(SecondsPerStep * Math.Max(0, steps)) : null;
        if (budget?.MaxMinutes is not double minutes)
        {
            return atRate;
        }

        TimeSpan left = TimeSpan.FromMinutes(minutes) - TimeSpan.FromSeconds(_times.Count > 0 ? _times.Last() : 0);
        left = left < TimeSpan.Zero ? TimeSpan.Zero : left;
        return atRate is TimeSpan t && t < left ? t : left;
    }

    public static string Format(TimeSpan? t) => t is not TimeSpan s ? "?"
        : s.TotalHours >= 1 ? $"{(int)s.TotalHours}h{s.Minutes:00}m" : $"{s.Minutes}m{s.Seconds:00}s";
}
