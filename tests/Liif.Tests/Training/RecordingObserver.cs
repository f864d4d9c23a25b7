namespace Liif.Tests.Training;

/// <summary>An observer that records what a run reports.</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    public List<TrainingStepInfo> Steps { get; } = [];

    public List<double> Psnrs { get; } = [];

    public List<string> Messages { get; } = [];

    public Action<TrainingStepInfo>? OnStep { get; init; }

    public void Started(TrainingStartInfo info)
    {
    }

    public void Stepped(TrainingStepInfo step)
    {
        Steps.Add(step);
        OnStep?.Invoke(step);
    }

    public void Validated(int epoch, long iteration, double psnr) => Psnrs.Add(psnr);

    public void Info(string message) => Messages.Add(message);
}
