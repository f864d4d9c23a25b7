using System.Diagnostics;
using System.Text.Json.Nodes;
using Liif.Models;
using Liif.Storage;

namespace Liif.Training;

/// <summary>What a run reports when it starts (beside its counters).</summary>
internal sealed record TrainingRunDescription(string Device, string TrainingData, string? ValidationData, long Parameters);

/// <summary>
/// What LIIF's <see cref="Trainer"/> and the baselines' <see cref="FixedScaleTrainer"/> share: the run folder, the
/// epoch loop (the learning rate of each step: the epoch's, times the <see cref="BudgetLrDecay"/> factor when there is
/// one; a log row per step, validation every <c>epoch_val</c> epochs, a checkpoint every <c>epoch_save</c> epochs,
/// every <see cref="TrainingBudget.SaveEveryMinutes"/> and whenever the run ends), the budget and Ctrl-C, and the
/// counters a checkpoint restores. A subclass builds its model, data and optimiser, calls <see cref="OpenLog"/> last in its
/// constructor, and supplies the step, the validation and the files a checkpoint writes.
/// </summary>
internal abstract class TrainingRun<TBatch> : ITrainingRun where TBatch : IEpochBatch
{
    private readonly ITrainingObserver _observer;
    private readonly int _epochMax;
    private readonly int _epochVal;
    private readonly int _epochSave;
    private readonly double _secondsBefore;
    private readonly BudgetLrDecay? _budgetDecay;
    private TrainingLog? _log;

    protected TrainingRun(string runDir, ITrainingObserver observer, int epochMax, int epochVal, int epochSave,
        MultiStepLearningRate schedule, TrainingCheckpoint? checkpoint, BudgetLrDecay? budgetDecay = null)
    {
        RunDir = Path.GetFullPath(runDir);
        _observer = observer;
        (_epochMax, _epochVal, _epochSave) = (epochMax, epochVal, epochSave);
        Schedule = schedule;
        _budgetDecay = budgetDecay;
        Resumed = checkpoint is not null;
        if (checkpoint is not null)
        {
            TrainingCheckpointState s = checkpoint.State;
            (EpochsDone, BatchesDone, Iteration, _secondsBefore) = (s.EpochsDone, s.BatchesDoneInEpoch, s.Iteration, s.ElapsedSeconds);
            (LastValPsnr, LastValEpoch) = (s.ValPsnr, s.ValEpoch);
        }
    }

    public string RunDir { get; }

    public string CheckpointPath => Path.Combine(RunDir, TrainingCheckpoint.FileName);

    public string ModelPath => Path.Combine(RunDir, Trainer.ModelFileName);

    protected ITrainingObserver Observer => _observer;

    protected MultiStepLearningRate Schedule { get; }

    protected bool Resumed { get; }

    protected int EpochsDone { get; private set; }

    /// <summary>Batches done in the epoch after <see cref="EpochsDone"/> (non-zero when the run stopped mid-epoch).</summary>
    protected int BatchesDone { get; private set; }

    protected long Iteration { get; private set; }

    protected double? LastValPsnr { get; private set; }

    protected int? LastValEpoch { get; private set; }

    protected TrainingLog Log => _log ?? throw new InvalidOperationException("OpenLog was not called");

    /// <summary>The optimiser whose learning rate follows <see cref="Schedule"/>.</summary>
    protected abstract FlatAdam Optimizer { get; }

    protected abstract int BatchesPerEpoch { get; }

    /// <summary>The batches of <paramref name="epoch"/> from index <paramref name="skip"/> on.</summary>
    protected abstract IEnumerable<TBatch> Batches(int epoch, int skip);

    /// <summary>One optimiser step; returns the loss to log.</summary>
    protected abstract double Step(TBatch batch);

    protected abstract bool HasValidation { get; }

    /// <summary>Validation PSNR, or null when <paramref name="stop"/> interrupted it.</summary>
    protected abstract double? Validate(CancellationToken stop);

    protected abstract TrainingRunDescription Describe();

    /// <summary>Writes the checkpoint(s), the model file and the curve for <paramref name="state"/>.</summary>
    protected abstract void WriteRunFiles(TrainingCheckpointState state, double seconds);

    /// <summary>Free text a checkpoint keeps across resumes (e.g. where the initial weights came from).</summary>
    protected virtual string? CheckpointNotes => null;

    /// <summary>Trains until the last epoch, the budget, or <paramref name="stop"/>; always ends with a saved checkpoint.</summary>
    public TrainingOutcome Run(TrainingBudget? budget = null, CancellationToken stop = default)
    {
        budget ??= TrainingBudget.None;
        var clock = Stopwatch.StartNew();
        int perEpoch = BatchesPerEpoch;
        long target = (long)_epochMax * perEpoch;
        if (budget.MaxIterations is long n)
        {
            target = Math.Min(target, Iteration + n);
        }

        TrainingRunDescription d = Describe();
        _observer.Started(new TrainingStartInfo(RunDir, d.Device, d.TrainingData, d.ValidationData, d.Parameters, perEpoch,
            EpochsDone + 1, _epochMax, Iteration, target, Resumed));

        long sessionSteps = 0;
        TrainingEndReason? stopping = null;
        bool savedAtEnd = false;
        TimeSpan lastSave = TimeSpan.Zero;
        for (int epoch = EpochsDone + 1; epoch <= _epochMax && stopping is null; epoch++)
        {
            double epochLr = Schedule.At(epoch);
            double lr = epochLr;
            foreach (TBatch batch in Batches(epoch, BatchesDone))
            {
                lr = epochLr * (_budgetDecay?.Factor(budget.Progress(sessionSteps, clock.Elapsed)) ?? 1);
                Optimizer.LearningRate = lr;
                double loss;
                using (batch)
                {
                    loss = Step(batch);
                }

                Iteration++;
                BatchesDone = batch.IndexInEpoch + 1;
                sessionSteps++;
                Log.Append(new TrainingLogRow(epoch, Iteration, loss, lr, null, Seconds(clock)));
                _observer.Stepped(new TrainingStepInfo(epoch, Iteration, BatchesDone, perEpoch, loss, lr, clock.Elapsed.TotalSeconds));
                if (stop.IsCancellationRequested)
                {
                    stopping = TrainingEndReason.Interrupted;
                    break;
                }

                if (budget.IsExhausted(sessionSteps, clock.Elapsed))
                {
                    stopping = TrainingEndReason.BudgetReached;
                    break;
                }

                if (budget.SaveDue(clock.Elapsed - lastSave) && BatchesDone < perEpoch)
                {
                    Save(clock, $"every {budget.SaveEveryMinutes:0.##} min");
                    lastSave = clock.Elapsed;
                }
            }

            if (BatchesDone < perEpoch)
            {
                break; // stopped mid-epoch
            }

            EpochsDone = epoch;
            BatchesDone = 0;
            if (HasValidation && _epochVal > 0 && epoch % _epochVal == 0 && stopping != TrainingEndReason.Interrupted)
            {
                if (Validate(stop) is double p)
                {
                    (LastValPsnr, LastValEpoch) = (p, epoch);
                    Log.Append(new TrainingLogRow(epoch, Iteration, null, lr, p, Seconds(clock)));
                    _observer.Validated(epoch, Iteration, p);
                }
                else
                {
                    stopping = TrainingEndReason.Interrupted;
                }
            }

            bool last = epoch == _epochMax;
            if (stopping is null && stop.IsCancellationRequested)
            {
                stopping = TrainingEndReason.Interrupted;
            }

            savedAtEnd = last || stopping is not null || (_epochSave > 0 && epoch % _epochSave == 0) || budget.SaveDue(clock.Elapsed - lastSave);
            if (savedAtEnd)
            {
                Save(clock, last ? "end of training" : stopping is null ? $"epoch {epoch}" : Reason(stopping.Value));
                lastSave = clock.Elapsed;
            }
        }

        if (!savedAtEnd || BatchesDone > 0)
        {
            Save(clock, stopping is null ? "end of training" : Reason(stopping.Value));
        }

        return new TrainingOutcome(stopping ?? TrainingEndReason.Completed, EpochsDone, Iteration, LastValPsnr,
            CheckpointPath, ModelPath, Seconds(clock));
    }

    public virtual void Dispose()
    {
        _log?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates log.csv, or continues it from the checkpoint's iteration: the last thing a constructor does.</summary>
    protected void OpenLog()
    {
        string path = Path.Combine(RunDir, TrainingLog.FileName);
        _log = Resumed ? TrainingLog.Continue(path, Iteration) : TrainingLog.Create(path);
    }

    /// <summary>The last validation PSNR as provenance metrics, or null before the first validation.</summary>
    protected Dictionary<string, double>? ValidationMetrics(int scale, string description) => LastValPsnr is double p
        ? new Dictionary<string, double> { [$"val PSNR-RGB x{scale} ({description}, epoch {LastValEpoch})"] = Math.Round(p, 4) }
        : null;

    /// <summary>Says how many validation images the training set leaves out, when it leaves out any.</summary>
    protected void ReportHeldOut(ImageFolderDataset training)
    {
        if (training.HeldOut > 0)
        {
            _observer.Info($"training data: {training.HeldOut} image{(training.HeldOut == 1 ? "" : "s")} of the training folders held out as the validation set");
        }
    }

    /// <summary>A new run's folder: created if needed, refused if it already holds a run.</summary>
    protected static void PrepareNewRunFolder(string runDir)
    {
        if (File.Exists(Path.Combine(runDir, TrainingCheckpoint.FileName)))
        {
            throw new CheckpointException($"'{runDir}' already holds a training run; continue it with --resume {runDir} or choose another --out");
        }

        Directory.CreateDirectory(runDir);
    }

    /// <summary>The checkpoint of the run in <paramref name="runDir"/>, checked to be of <paramref name="expectedModel"/> when given.</summary>
    protected static TrainingCheckpoint LoadCheckpoint(string runDir, ModelSpec? expectedModel)
    {
        if (!Directory.Exists(runDir))
        {
            throw new CheckpointException($"run folder '{runDir}' not found");
        }

        string path = Path.Combine(runDir, TrainingCheckpoint.FileName);
        if (!File.Exists(path))
        {
            throw new CheckpointException($"'{runDir}' has no {TrainingCheckpoint.FileName} to resume from");
        }

        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(path);
        if (expectedModel is not null && !JsonNode.DeepEquals(expectedModel.ToJson(), checkpoint.Spec.ToJson()))
        {
            checkpoint.Dispose();
            throw new CheckpointException($"'{path}' is a checkpoint of another architecture ({checkpoint.Spec}) than the config's ({expectedModel})");
        }

        return checkpoint;
    }

    private void Save(Stopwatch clock, string reason)
    {
        double seconds = Seconds(clock);
        var state = new TrainingCheckpointState
        {
            EpochsDone = EpochsDone,
            BatchesDoneInEpoch = BatchesDone,
            Iteration = Iteration,
            Scheduler = new TrainingCheckpointState.SchedulerState
            {
                Milestones = Schedule.Milestones.ToArray(),
                Gamma = Schedule.Gamma,
                BaseLr = Schedule.BaseLr,
                LastEpoch = EpochsDone,
            },
            Seed = SeedForCheckpoint,
            ElapsedSeconds = seconds,
            ValPsnr = LastValPsnr,
            ValEpoch = LastValEpoch,
            Notes = CheckpointNotes,
        };
        WriteRunFiles(state, seconds);
        _observer.Saved(CheckpointPath, Iteration, reason);
    }

    /// <summary>The run's seed, recorded in its checkpoints.</summary>
    protected abstract long SeedForCheckpoint { get; }

    protected double Seconds(Stopwatch clock) => _secondsBefore + clock.Elapsed.TotalSeconds;

    private static string Reason(TrainingEndReason reason) => reason switch
    {
        TrainingEndReason.BudgetReached => "budget reached",
        TrainingEndReason.Interrupted => "interrupted",
        _ => "end of training",
    };
}
