namespace Liif.Training;

/// <summary>
/// Limits on one invocation of the trainer (not the whole run): at most this many optimizer steps and/or minutes.
/// When one is reached the run stops after the current step and saves its checkpoint; <c>--resume</c> goes on.
/// </summary>
public sealed record TrainingBudget(long? MaxIterations = null, double? MaxMinutes = null)
{
    public static TrainingBudget None { get; } = new();

    public bool IsExhausted(long stepsThisSession, TimeSpan elapsed) =>
        (MaxIterations is long n && stepsThisSession >= n) || (MaxMinutes is double m && elapsed.TotalMinutes >= m);
}
