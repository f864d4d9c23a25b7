namespace Liif.Tests.Training;

/// <summary>Runs alone: its working-set check is process-wide, so tests running in parallel would disturb it.</summary>
[CollectionDefinition(nameof(ProcessMemoryCollection), DisableParallelization = true)]
public sealed class ProcessMemoryCollection;

[Collection(nameof(ProcessMemoryCollection))]
public sealed class TrainerMemoryTests
{
    [Fact]
    public void Memory_stays_flat_over_50_iterations()
    {
        using var data = new TinyTraining();
        long liveAt10 = 0, liveAt60 = 0;
        long workingSetAt10 = 0, workingSetAt60 = 0;
        var observer = new RecordingObserver
        {
            OnStep = s =>
            {
                if (s.Iteration is 10 or 60)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    // Every thread's live tensors (TorchSharp's global count): batches are made on the loader's threads and
                    // disposed on this one, so this thread's own count would fall by each batch.
                    long live = torch.Tensor.TotalCount;
                    long ws = Process.GetCurrentProcess().WorkingSet64;
                    (liveAt10, workingSetAt10, liveAt60, workingSetAt60) = s.Iteration == 10
                        ? (live, ws, liveAt60, workingSetAt60)
                        : (liveAt10, workingSetAt10, live, ws);
                }
            },
        };
        using (TrainingRun t = TrainingRun.Start(data.Config(epochs: 100, set: ["epoch_val=0", "epoch_save=0"]), data.RunDir("run"), observer))
        {
            t.Run(new TrainingBudget(MaxIterations: 60), TestContext.Current.CancellationToken);
        }

        // One tensor per batch made ahead: the loader's queue (4), the batch being made and the one in use.
        Assert.InRange(liveAt60 - liveAt10, -6, 6);
        Assert.True(workingSetAt60 - workingSetAt10 < 64L << 20,
            $"working set grew by {(workingSetAt60 - workingSetAt10) >> 20} MiB over 50 iterations");
    }
}
