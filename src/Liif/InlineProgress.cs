namespace Liif;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the working thread. <see cref="Progress{T}"/> posts each report to
/// the thread pool instead, which is too late for a report to stop the work (the command line's stop request).
/// </summary>
internal sealed class InlineProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);

    /// <summary>Reports <c>(offset + f) / count</c> to <paramref name="outer"/>: part <paramref name="offset"/> of <paramref name="count"/>.</summary>
    public static IProgress<double>? Part(IProgress<double>? outer, double offset, double count) =>
        outer is null ? null : new InlineProgress(f => outer.Report(Math.Min(1.0, (offset + Math.Clamp(f, 0, 1)) / count)));
}
