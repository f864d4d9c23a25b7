namespace Liif.Cli;

/// <summary>
/// Training progress as plain log lines (for redirected output): a line every N steps (loss, learning rate, seconds
/// per step, time left within the epochs and the budget), and one per validation and save.
/// </summary>
internal sealed class TrainingLogLines(TextWriter output, int every, TrainingBudget? budget = null) : ITrainingObserver
{
    private readonly StepRate _rate = new(budget);
    private readonly List<double> _losses = [];
    private TrainingStartInfo? _info;

    public void Started(TrainingStartInfo info)
    {
        _info = info;
        Write($"{(info.Resumed ? "resuming" : "training")} in {info.RunDir} on {info.Device}: {info.Parameters:N0} parameters, "
            + $"{info.TrainingData}, {info.BatchesPerEpoch} iterations/epoch, epochs {info.FirstEpoch}..{info.EpochMax}, from iteration {info.StartIteration}"
            + (info.ValidationData is null ? "" : $"; validating on {info.ValidationData}"));
    }

    public void Stepped(TrainingStepInfo step)
    {
        _rate.Add(step.SessionSeconds);
        _losses.Add(step.Loss);
        if (step.Iteration % every != 0 && step.BatchInEpoch != _info?.BatchesPerEpoch)
        {
            return;
        }

        double mean = _losses.Average();
        _losses.Clear();
        string eta = StepRate.Format(_rate.Remaining((_info?.TargetIteration ?? step.Iteration) - step.Iteration));
        Write(string.Create(CultureInfo.InvariantCulture,
            $"epoch {step.Epoch} [{step.BatchInEpoch}/{_info?.BatchesPerEpoch}] iter {step.Iteration}: loss {step.Loss:F4} (mean {mean:F4}) "
            + $"lr {step.Lr:G3} {_rate.SecondsPerStep:F2} s/it eta {eta}"));
    }

    public void Validated(int epoch, long iteration, double psnr) =>
        Write(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch} iter {iteration}: validation PSNR {psnr:F3} dB"));

    public void Info(string message) => Write(message);

    private void Write(string line)
    {
        output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
        output.Flush();
    }
}
