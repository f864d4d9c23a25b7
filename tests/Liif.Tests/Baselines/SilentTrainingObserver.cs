namespace Liif.Tests.Baselines;

/// <summary>An observer that ignores everything, for trainer tests.</summary>
internal sealed class SilentTrainingObserver : ITrainingObserver
{
    public void Started(TrainingStartInfo info)
    {
    }

    public void Stepped(TrainingStepInfo step)
    {
    }

    public void Validated(int epoch, long iteration, double psnr)
    {
    }

    public void Info(string message)
    {
    }
}
