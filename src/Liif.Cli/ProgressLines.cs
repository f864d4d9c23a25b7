namespace Liif.Cli;

/// <summary>
/// Progress as plain lines for redirected output (a log, a pipe, a batch system): at most one line every
/// <paramref name="every"/>, saying how much is done of how much, the rate so far and the time left at that rate,
/// e.g. <c>progress: photo.jpg → 4096x4096: 5.03 of 16.8 MP (30%), 0.84 MP/s, eta 0m14s</c>.
/// </summary>
internal sealed class ProgressLines(TextWriter output, string label, WorkAmount amount, TimeSpan every, TimeProvider clock) : IProgress<double>
{
    private readonly long _start = clock.GetTimestamp();
    private long _lastLine = clock.GetTimestamp();

    public void Report(double fraction)
    {
        long now = clock.GetTimestamp();
        if (clock.GetElapsedTime(_lastLine, now) < every)
        {
            return;
        }

        _lastLine = now;
        fraction = Math.Clamp(fraction, 0, 1);
        double done = fraction * amount.Total;
        double seconds = clock.GetElapsedTime(_start, now).TotalSeconds;
        double rate = seconds > 0 ? done / seconds : 0;
        TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds((amount.Total - done) / rate) : null;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"progress: {label}: {amount.Format(done)} of {amount.Format(amount.Total)} {amount.Unit} ({100 * fraction:0}%), "
            + $"{amount.FormatRate(rate)} {amount.Unit}/s, eta {StepRate.Format(eta)}"));
        output.Flush();
    }
}
