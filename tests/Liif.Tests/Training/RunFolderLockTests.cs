namespace Liif.Tests.Training;

/// <summary>A run folder takes one training run at a time (<see cref="RunFolderLock"/>), and the lock goes with the run.</summary>
public sealed class RunFolderLockTests
{
    [Fact]
    public void A_second_run_in_a_folder_in_use_is_refused_until_the_first_ends()
    {
        using var data = new TinyTraining();
        TrainConfig config = data.Config(epochs: 1);
        string dir = data.RunDir("busy");
        string lockFile = Path.Combine(dir, ".liif-train.lock");
        string inUse = $"run folder '{Path.GetFullPath(dir)}' is in use by another liif train: wait for it to end, or choose another --out";
        CancellationToken token = TestContext.Current.CancellationToken;

        using (TrainingRun first = TrainingRun.Start(config, dir, new RecordingObserver()))
        {
            // A new run of the same --out before the first has saved anything, and a resume while it trains.
            Assert.Equal(inUse, Assert.Throws<CheckpointException>(() => TrainingRun.Start(config, dir, new RecordingObserver())).Message);
            first.Run(new TrainingBudget(MaxIterations: 1), token);
            Assert.Equal(inUse, Assert.Throws<CheckpointException>(() => TrainingRun.Resume(dir, new RecordingObserver())).Message);
            Assert.True(File.Exists(lockFile));
        }

        Assert.False(File.Exists(lockFile));
        using (TrainingRun resumed = TrainingRun.Resume(dir, new RecordingObserver()))
        {
            Assert.Equal(TrainingEndReason.BudgetReached, resumed.Run(new TrainingBudget(MaxIterations: 1), token).Reason);
        }

        // A run that cannot open (here: a resume with a different architecture) releases the lock at once.
        ModelSpec other = TestModels.TinySpec(features: 4);
        Assert.Throws<CheckpointException>(() => TrainingRun.Resume(dir, new RecordingObserver(), expectedModel: other));
        Assert.False(File.Exists(lockFile));
        TrainingRun.Resume(dir, new RecordingObserver()).Dispose();
    }
}
