using Spectre.Console;

namespace Liif.Cli;

/// <summary>A Spectre.Console progress bar for interactive terminals; silent when output is redirected.</summary>
public static class ConsoleProgress
{
    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="work"/> with one progress task of the given label.</summary>
    public static T Run<T>(string label, Func<IProgress<double>?, T> work)
    {
        if (!Interactive)
        {
            return work(null);
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(Markup.Escape(label), maxValue: 1.0);
                result = work(new Progress<double>(f => task.Value = f));
                task.Value = 1.0;
            });
        return result;
    }
}
