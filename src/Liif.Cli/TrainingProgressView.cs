using Spectre.Console;

namespace Liif.Cli;

/// <summary>
/// Training progress as a Spectre.Console progress bar for interactive terminals: loss, seconds per step and the time
/// left (<see cref="StepRate"/>: within the epochs and the --max-minutes budget).
/// </summary>
internal sealed class TrainingProgressView(ProgressContext context, TrainingBudget budget) : ITrainingObserver
{
    private readonly StepRate _rate = new(budget);
    private ProgressTask? _task;
    private TrainingStartInfo? _info;

    /// <summary>Runs <paramref name="work"/> with a live progress display.</summary>
    public static T Show<T>(TrainingBudget budget, Func<ITrainingObserver, T> work) => AnsiConsole.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
            new ElapsedTimeColumn())
        .Start(ctx => work(new TrainingProgressView(ctx, budget)));

    public void Started(TrainingStartInfo info)
    {
        _info = info;
        AnsiConsole.MarkupLine(Markup.Escape($"{(info.Resumed ? "resuming" : "training")} in {info.RunDir} on {info.Device}: {info.Parameters:N0} parameters, "
            + $"{info.TrainingData}, {info.BatchesPerEpoch} iterations/epoch"
            + (info.ValidationData is null ? "" : $", validating on {info.ValidationData}")));
        double total = Math.Max(1, info.TargetIteration - info.StartIteration);
        _task = context.AddTask("starting", maxValue: total);
    }

    public void Stepped(TrainingStepInfo step)
    {
        _rate.Add(step.SessionSeconds);
        if (_task is null || _info is null)
        {
            return;
        }

        _task.Value = step.Iteration - _info.StartIteration;
        _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"epoch {step.Epoch}/{_info.EpochMax} it {step.Iteration} loss {step.Loss:F4} lr {step.Lr:G3} {_rate.SecondsPerStep:F2} s/it "
            + $"eta {StepRate.Format(_rate.Remaining(_info.TargetIteration - step.Iteration))}"));
    }

    public void Validated(int epoch, long iteration, double psnr) =>
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch} (iteration {iteration}): validation PSNR {psnr:F3} dB")));

    public void Info(string message) => AnsiConsole.MarkupLine(Markup.Escape(message));
}
