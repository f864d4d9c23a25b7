using Spectre.Console;

namespace Liif.Cli;

/// <summary>
/// How a command shows long work: a Spectre.Console bar on an interactive terminal, and otherwise (output redirected)
/// a plain line on stderr every <paramref name="every"/> (<see cref="ProgressLines"/>). Every report also looks at
/// <paramref name="stop"/>, so a signal stops the work between two chunks (the upscalers report after each chunk, on
/// the working thread).
/// </summary>
internal sealed class ConsoleProgress(CancellationToken stop, TimeSpan every)
{
    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="work"/>, which reports the fraction done (0..1) of <paramref name="amount"/>.</summary>
    public T Run<T>(string label, WorkAmount amount, Func<IProgress<double>, T> work)
    {
        stop.ThrowIfCancellationRequested();
        if (!Interactive)
        {
            return work(Watched(new ProgressLines(Console.Error, label, amount, every, TimeProvider.System).Report));
        }

        return AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(Markup.Escape(label), maxValue: 1.0);
                T result = work(Watched(f => task.Value = f));
                task.Value = 1.0;
                return result;
            });
    }

    /// <summary>Passes reports on, on the working thread, after looking at the stop request.</summary>
    private InlineProgress Watched(Action<double> report) => new(f =>
    {
        stop.ThrowIfCancellationRequested();
        report(f);
    });
}
