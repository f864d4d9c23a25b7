namespace Liif.Cli;

/// <summary>Seconds per training step over the last steps, and the time the remaining steps should take.</summary>
public sealed class StepRate
{
    private readonly Queue<double> _times = new();

    public void Add(double seconds)
    {
        _times.Enqueue(seconds);
        if (_times.Count > 21)
        {
            _times.Dequeue();
        }
    }

    /// <summary>Mean seconds per step over the window (NaN before two steps).</summary>
    public double SecondsPerStep => _times.Count < 2 ? double.NaN : (_times.Last() - _times.Peek()) / (_times.Count - 1);

    public TimeSpan? Remaining(long steps) =>
        double.IsFinite(SecondsPerStep) ? TimeSpan.FromSeconds(SecondsPerStep * Math.Max(0, steps)) : null;

    public static string Format(TimeSpan? t) => t is not TimeSpan s ? "?"
        : s.TotalHours >= 1 ? $"{(int)s.TotalHours}h{s.Minutes:00}m" : $"{s.Minutes}m{s.Seconds:00}s";
}
