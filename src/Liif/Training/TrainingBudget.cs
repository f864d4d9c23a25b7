namespace Liif.Training;

/// <summary>
/// Limits on one invocation of the trainer (not the whole run): at most this many optimizer steps and/or minutes.
/// When one is reached the run stops after the current step and saves its checkpoint; <c>--resume</c> goes on.
/// <see cref="SaveEveryMinutes"/> also saves the checkpoint every so many minutes of the invocation (beside the
/// config's <c>epoch_save</c>), so that a long epoch or a lost machine costs at most that much training.
/// </summary>
internal sealed record TrainingBudget(long? MaxIterations = null, double? MaxMinutes = null, double? SaveEveryMinutes = null)
{
    public bool IsExhausted(long stepsThisSession, TimeSpan elapsed) =>
        (MaxIterations is long n && stepsThisSession >= n) || (MaxMinutes is double m && elapsed.TotalMinutes >= m);

    /// <summary>
    /// How much of the budget is spent, from 0 to 1: the larger of the step and the time fractions; null without a
    /// limit.
    /// </summary>
    public double? Progress(long stepsThisSession, TimeSpan elapsed)
    {
        double? steps = MaxIterations is long n ? (double)stepsThisSession / n : null;
        double? time = MaxMinutes is double m ? elapsed.TotalMinutes / m : null;
        return steps is null && time is null ? null : Math.Clamp(Math.Max(steps ?? 0, time ?? 0), 0, 1);
    }

    /// <summary>Whether a periodic save is due, <paramref name="sinceLastSave"/> after the last one (or the start).</summary>
    public bool SaveDue(TimeSpan sinceLastSave) => SaveEveryMinutes is double m && sinceLastSave.TotalMinutes >= m;
}
