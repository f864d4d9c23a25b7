using Liif.Cli;

namespace Liif.Tests.Cli;

/// <summary>Progress when output is not a terminal: plain lines every few seconds for upscale and eval; train's rate and ETA.</summary>
[Collection(nameof(CliCollection))]
public sealed class ProgressTests(CliFixture files) : IClassFixture<CliFixture>
{
    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(double seconds) => _ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void A_line_every_interval_says_done_of_total_rate_and_time_left()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var lines = new ProgressLines(output, "big.png → 4000x4000", WorkAmount.Pixels(16_000_000), TimeSpan.FromSeconds(5), clock);

        clock.Advance(2);
        lines.Report(0.1);   // too soon: nothing
        clock.Advance(3);
        lines.Report(0.25);
        clock.Advance(1);
        lines.Report(0.3);   // 1 s after the last line: nothing
        clock.Advance(5);
        lines.Report(0.55);

        Assert.Equal(
        [
            "progress: big.png → 4000x4000: 4.0 of 16.0 MP (25%), 0.8 MP/s, eta 0m15s",
            "progress: big.png → 4000x4000: 8.8 of 16.0 MP (55%), 0.8 MP/s, eta 0m09s",
        ], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Upscale_and_eval_print_progress_lines_when_redirected()
    {
        Assert.False(ConsoleProgress.Interactive);   // the test runner redirects the output
        CliHarness.Outcome upscale = CliHarness.Run(files.Args("upscale {in} --size 600x400 --model {model} --max-queries 2000 --progress-every 0.001 -o")
            .Append(Path.Combine(Path.GetDirectoryName(files.Set)!, "progress.png")).ToArray());
        Assert.True(upscale.Code == 0, upscale.ToString());
        Assert.Matches(@"(?m)^progress: in\.png → 600x400: [\d.]+ of 0\.24 MP \(\d+%\), [\d.]+ MP/s, eta \d+m\d\ds$", upscale.Err);

        CliHarness.Outcome eval = CliHarness.Run(files.Args("eval --model {model} --data {set} --scales 2,3,4 --max-queries 500 --progress-every 0.001"));
        Assert.True(eval.Code == 0, eval.ToString());
        Assert.Matches(@"(?m)^progress: evaluating liif \(edsr-baseline\): \d of 3 evaluations \(\d+%\), [\d.]+ evaluations/s, eta ", eval.Err);
    }

    [Fact]
    public void An_interval_beyond_any_time_span_means_no_progress_line_and_no_crash()
    {
        CliHarness.Outcome upscale = CliHarness.Run(files.Args("upscale {in} --scale 2 --model {model} --progress-every 1e308 -o")
            .Append(Path.Combine(Path.GetDirectoryName(files.Set)!, "never.png")).ToArray());
        Assert.True(upscale.Code == 0, upscale.ToString());
        Assert.DoesNotContain("progress:", upscale.Err);
    }

    [Fact]
    public void Train_shows_a_rate_from_the_first_step_and_an_eta_within_the_time_budget()
    {
        var output = new StringWriter();
        var log = new TrainingLogLines(output, every: 1, new TrainingBudget(MaxMinutes: 2));
        log.Started(new TrainingStartInfo("runs/x", "cpu (2 threads)", "T91", null, 1000, 100, 1, 1000, 0, 100_000, false));
        log.Stepped(new TrainingStepInfo(1, 1, 1, 0.5, 1e-4, SessionSeconds: 3.0));
        log.Stepped(new TrainingStepInfo(1, 2, 2, 0.4, 1e-4, SessionSeconds: 4.0));

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("NaN", output.ToString());
        Assert.EndsWith("3.00 s/it eta 1m57s", lines[1]);   // 99,999 steps would take days; the budget ends in 117 s
        Assert.EndsWith("1.00 s/it eta 1m56s", lines[2]);

        var unbounded = new StepRate();
        unbounded.Add(2.0);
        unbounded.Add(2.5);
        Assert.Equal(TimeSpan.FromSeconds(50), unbounded.Remaining(100));
    }
}
