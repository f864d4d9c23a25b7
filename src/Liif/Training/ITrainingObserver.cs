namespace Liif.Training;

/// <summary>What a run is about to do, reported once before the first step.</summary>
internal sealed record TrainingStartInfo(string RunDir, string Device, string TrainingData, string? ValidationData,
    long Parameters, int BatchesPerEpoch, int FirstEpoch, int EpochMax, long StartIteration, long TargetIteration,
    bool Resumed);

/// <summary>One optimizer step: its epoch (1-based), global iteration (1-based), batch in the epoch, loss and learning rate.</summary>
internal sealed record TrainingStepInfo(int Epoch, long Iteration, int BatchInEpoch, double Loss, double Lr,
    double SessionSeconds);

/// <summary>
/// Receives a run's progress (the command line shows it as a progress bar or as log lines). Called on the training
/// thread; keep it quick.
/// </summary>
internal interface ITrainingObserver
{
    void Started(TrainingStartInfo info);

    void Stepped(TrainingStepInfo step);

    void Validated(int epoch, long iteration, double psnr);

    void Info(string message);
}
