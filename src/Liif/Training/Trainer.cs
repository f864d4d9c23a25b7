using System.Diagnostics;
using System.Text.Json.Nodes;
using Liif.Models;
using Liif.Storage;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Liif.Training;

/// <summary>
/// The official <c>train_liif.py</c> loop: L1 loss between LIIF's prediction and the normalised HR colours of the
/// sampled pixels, Adam over the parameters that require gradients, MultiStepLR stepped per epoch, validation every
/// <c>epoch_val</c> epochs and a checkpoint every <c>epoch_save</c> epochs. A run lives in one folder:
/// <c>config.yaml</c> (the full config), <c>checkpoint.safetensors</c> (<see cref="TrainingCheckpoint"/>),
/// <c>model.safetensors</c> (the model alone, with provenance), <c>log.csv</c> (<see cref="TrainingLog"/>) and
/// <c>curve.png</c>. Batches depend only on (seed, epoch, batch), so a resumed run continues with exactly the batches
/// the uninterrupted run would have seen.
/// </summary>
public sealed class Trainer : ITrainingRun
{
    public const string ConfigFileName = "config.yaml";
    public const string ModelFileName = "model.safetensors";

    private readonly TrainConfig _config;
    private readonly string _configYaml;
    private readonly ITrainingObserver _observer;
    private readonly Device _device;
    private readonly LiifModel _model;
    private readonly List<(string Name, Parameter Parameter)> _trained;
    private readonly Adam _optimizer;
    private readonly ImageFolderDataset _dataset;
    private readonly TrainingBatchLoader _loader;
    private readonly WholeImageValidator? _validator;
    private readonly MultiStepLearningRate _schedule;
    private readonly TrainingLog _log;
    private readonly bool _resumed;

    private int _epochsDone;
    private int _batchesDone;
    private long _iteration;
    private double _secondsBefore;
    private double? _lastValPsnr;
    private int? _lastValEpoch;

    private Trainer(TrainConfig config, string runDir, ITrainingObserver observer, TrainingCheckpoint? checkpoint)
    {
        _config = config;
        _configYaml = config.ToYaml();
        _observer = observer;
        RunDir = Path.GetFullPath(runDir);
        _device = TrainingDevice.Resolve(config.Device);
        config.Precision.ApplyMatmulMode();
        _resumed = checkpoint is not null;

        ImplicitDownsampledConfig w = config.TrainDataset.Wrapper;
        var sampler = new ImplicitDownsampledSampler(w.InpSize, w.ScaleMin, w.ScaleMax, w.Augment, w.SampleQ, config.DataNorm);
        ImageFolderConfig d = config.TrainDataset.Dataset;
        _dataset = new ImageFolderDataset(d.RootPaths, d.Repeat, d.Cache, sampler.MinImageSide, d.FirstK);
        if (_dataset.SkippedSmall > 0)
        {
            observer.Info($"training data: skipped {_dataset.SkippedSmall} images smaller than {sampler.MinImageSide} px "
                + $"(the largest HR crop, round({w.InpSize} × {w.ScaleMax})) on their shorter side");
        }

        if (!_dataset.IsCached && d.Cache == DatasetCacheMode.InMemory)
        {
            observer.Info($"training data: {_dataset.EstimatedBytes / (1 << 20)} MiB does not fit the memory budget; images are read from disk as needed");
        }

        _loader = new TrainingBatchLoader(_dataset, sampler, config.TrainDataset.BatchSize, config.Seed, config.Workers);
        if (config.ValDataset is ValDatasetConfig v)
        {
            var valImages = new ImageFolderDataset(v.Dataset.RootPaths, 1, v.Dataset.Cache, 0, v.Dataset.FirstK);
            _validator = new WholeImageValidator(valImages, v.Scale, config.DataNorm, config.EvalBsize);
        }

        _schedule = new MultiStepLearningRate(config.Optimizer.Lr, config.MultiStepLr?.Milestones, config.MultiStepLr?.Gamma ?? 1);

        _model = ModelFactory.MakeLiif(config.Model);
        SeededInitialization.Apply(_model, config.Seed);
        if (checkpoint is not null)
        {
            checkpoint.RestoreModel(_model, Path.Combine(RunDir, TrainingCheckpoint.FileName));
        }
        else if (config.InitFrom is string initFrom)
        {
            InitializeFrom(initFrom);
        }

        _model.to(_device);
        _model.train();
        _trained = _model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        _optimizer = optim.Adam(_trained.Select(p => p.Parameter), config.Optimizer.Lr, config.Optimizer.Beta1,
            config.Optimizer.Beta2, weight_decay: config.Optimizer.WeightDecay);

        string logPath = Path.Combine(RunDir, TrainingLog.FileName);
        if (checkpoint is not null)
        {
            checkpoint.RestoreOptimizer(_optimizer, _trained, Path.Combine(RunDir, TrainingCheckpoint.FileName));
            TrainingCheckpointState s = checkpoint.State;
            (_epochsDone, _batchesDone, _iteration, _secondsBefore) = (s.EpochsDone, s.BatchesDoneInEpoch, s.Iteration, s.ElapsedSeconds);
            (_lastValPsnr, _lastValEpoch) = (s.ValPsnr, s.ValEpoch);
            _log = TrainingLog.Continue(logPath, _iteration);
        }
        else
        {
            _log = TrainingLog.Create(logPath);
        }

        File.WriteAllText(Path.Combine(RunDir, ConfigFileName), _configYaml);
    }

    public string RunDir { get; }

    public string CheckpointPath => Path.Combine(RunDir, TrainingCheckpoint.FileName);

    public string ModelPath => Path.Combine(RunDir, ModelFileName);

    public LiifModel Model => _model;

    /// <summary>Starts a new run in <paramref name="runDir"/> (created if needed; it must not hold a checkpoint already).</summary>
    /// <summary>What the init_from file said of itself (its provenance), for this run's provenance.</summary>
    private string? InitFromDescription { get; set; }

    /// <summary>Starts from a model file's weights (ours or official), which must be of the config's architecture.</summary>
    private void InitializeFrom(string path)
    {
        using LoadedModel loaded = ModelLoader.Load(path);
        ModelProvenance p = loaded.Provenance;
        InitFromDescription = $"{p.Source ?? "unknown source"}: {p.Iterations?.ToString() ?? "?"} iterations of batch {p.BatchSize?.ToString() ?? "?"}, {p.TrainingMinutes?.ToString("0.#") ?? "?"} min on {p.Device ?? "?"}";
        if (loaded.Module is not LiifModel)
        {
            throw new CheckpointException($"init_from '{Path.GetFileName(path)}' holds {loaded.Spec.Name}, not a LIIF model");
        }

        StateDictLoader.LoadStrict(_model, loaded.Module.state_dict(), Path.GetFileName(path));
    }

    public static Trainer Start(TrainConfig config, string runDir, ITrainingObserver observer)
    {
        if (File.Exists(Path.Combine(runDir, TrainingCheckpoint.FileName)))
        {
            throw new CheckpointException($"'{runDir}' already holds a training run; continue it with --resume {runDir} or choose another --out");
        }

        Directory.CreateDirectory(runDir);
        return new Trainer(config, runDir, observer, null);
    }

    /// <summary>
    /// Continues the run in <paramref name="runDir"/> from its checkpoint, with the config stored there.
    /// <paramref name="epochMax"/> and <paramref name="device"/> may change; <paramref name="expectedModel"/>, when
    /// given, must be the checkpoint's architecture. <paramref name="workers"/> changes the loading threads only.
    /// </summary>
    public static Trainer Resume(string runDir, ITrainingObserver observer, int? epochMax = null, string? device = null,
        ModelSpec? expectedModel = null, int? workers = null)
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

        using TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(path);
        TrainConfig config;
        try
        {
            config = TrainConfig.FromYaml(checkpoint.ConfigYaml, $"config in {TrainingCheckpoint.FileName}");
        }
        catch (ConfigException e)
        {
            throw new CheckpointException($"'{path}': its stored config is unusable: {e.Message}", e);
        }

        if (!JsonNode.DeepEquals(config.Model.ToJson(), checkpoint.Spec.ToJson()))
        {
            throw new CheckpointException($"'{path}' is inconsistent: its model spec differs from its config's");
        }

        if (expectedModel is not null && !JsonNode.DeepEquals(expectedModel.ToJson(), checkpoint.Spec.ToJson()))
        {
            throw new CheckpointException($"'{path}' is a checkpoint of another architecture ({checkpoint.Spec}) than the config's ({expectedModel})");
        }

        config = config with { EpochMax = epochMax ?? config.EpochMax, Device = device ?? config.Device, Workers = workers ?? config.Workers };
        return new Trainer(config, runDir, observer, checkpoint);
    }

    /// <summary>Trains until the last epoch, the budget, or <paramref name="stop"/>; always ends with a saved checkpoint.</summary>
    public TrainingOutcome Run(TrainingBudget? budget = null, CancellationToken stop = default)
    {
        budget ??= TrainingBudget.None;
        var clock = Stopwatch.StartNew();
        int perEpoch = _loader.BatchesPerEpoch;
        long? target = (long)_config.EpochMax * perEpoch;
        if (budget.MaxIterations is long n)
        {
            target = Math.Min(target.Value, _iteration + n);
        }

        _observer.Started(new TrainingStartInfo(RunDir, $"{TrainingDevice.Describe(_device)}, {_config.Precision.Name()}", _dataset.Describe(), _validator?.Description,
            _trained.Sum(p => p.Parameter.numel()), perEpoch, _epochsDone + 1, _config.EpochMax, _iteration, target, _resumed));

        long sessionSteps = 0;
        TrainingEndReason? stopping = null;
        bool savedAtEnd = false;
        for (int epoch = _epochsDone + 1; epoch <= _config.EpochMax && stopping is null; epoch++)
        {
            double lr = _schedule.At(epoch);
            foreach (ParamGroup group in _optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }

            foreach (TrainingBatch batch in _loader.Epoch(epoch, _batchesDone))
            {
                double loss = Step(batch);
                _iteration++;
                _batchesDone = batch.IndexInEpoch + 1;
                sessionSteps++;
                double seconds = Seconds(clock);
                _log.Append(new TrainingLogRow(epoch, _iteration, loss, lr, null, seconds));
                _observer.Stepped(new TrainingStepInfo(epoch, _iteration, _batchesDone, perEpoch, loss, lr, clock.Elapsed.TotalSeconds));
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
            }

            if (_batchesDone < perEpoch)
            {
                break; // stopped mid-epoch
            }

            _epochsDone = epoch;
            _batchesDone = 0;
            if (_validator is not null && _config.EpochVal > 0 && epoch % _config.EpochVal == 0 && stopping != TrainingEndReason.Interrupted)
            {
                double? psnr = _validator.Evaluate(_model, _device, stop);
                if (psnr is double p)
                {
                    (_lastValPsnr, _lastValEpoch) = (p, epoch);
                    _log.Append(new TrainingLogRow(epoch, _iteration, null, lr, p, Seconds(clock)));
                    _observer.Validated(epoch, _iteration, p);
                }
                else
                {
                    stopping = TrainingEndReason.Interrupted;
                }
            }

            bool last = epoch == _config.EpochMax;
            if (stopping is null && stop.IsCancellationRequested)
            {
                stopping = TrainingEndReason.Interrupted;
            }

            if (last || stopping is not null || (_config.EpochSave > 0 && epoch % _config.EpochSave == 0))
            {
                Save(clock, last ? "end of training" : stopping is null ? $"epoch {epoch}" : Describe(stopping.Value));
                savedAtEnd = true;
            }
            else
            {
                savedAtEnd = false;
            }
        }

        if (!savedAtEnd || _batchesDone > 0)
        {
            Save(clock, stopping is null ? "end of training" : Describe(stopping.Value));
        }

        return new TrainingOutcome(stopping ?? TrainingEndReason.Completed, _epochsDone, _iteration, _lastValPsnr,
            CheckpointPath, ModelPath, Seconds(clock));
    }

    public void Dispose()
    {
        _log.Dispose();
        _validator?.Dispose();
        _optimizer.Dispose();
        _model.Dispose();
    }

    private double Step(TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        (Tensor inp, Tensor coord, Tensor cell, Tensor gt) = batch.ToTensors(_device);
        Tensor pred = _model.QueryRgb(_model.Encode(inp), coord, cell, _config.Precision.DecoderDtype());
        Tensor loss = F.l1_loss(pred, gt);
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    private void Save(Stopwatch clock, string reason)
    {
        double seconds = Seconds(clock);
        var state = new TrainingCheckpointState
        {
            EpochsDone = _epochsDone,
            BatchesDoneInEpoch = _batchesDone,
            Iteration = _iteration,
            Scheduler = new TrainingCheckpointState.SchedulerState
            {
                Milestones = _schedule.Milestones.ToArray(),
                Gamma = _schedule.Gamma,
                BaseLr = _schedule.BaseLr,
                LastEpoch = _epochsDone,
            },
            Seed = _config.Seed,
            ElapsedSeconds = seconds,
            ValPsnr = _lastValPsnr,
            ValEpoch = _lastValEpoch,
        };
        TrainingCheckpoint.Save(CheckpointPath, state, _configYaml, _config.Model, _model, _trained, _optimizer);
        ModelFile.Save(ModelPath, _config.Model, _model, Provenance(seconds));
        TrainingCurvePlot.Save(Path.Combine(RunDir, TrainingCurvePlot.FileName), _log.Rows,
            $"LIIF training: {_dataset.Describe()}");
        _observer.Saved(CheckpointPath, _iteration, reason);
    }

    private ModelProvenance Provenance(double seconds)
    {
        Dictionary<string, double>? metrics = null;
        if (_lastValPsnr is double p && _validator is not null)
        {
            metrics = new Dictionary<string, double>
            {
                [$"val PSNR-RGB x{_validator.Scale} ({_validator.Description}, epoch {_lastValEpoch})"] = Math.Round(p, 4),
            };
        }

        return new ModelProvenance
        {
            Source = "liif train",
            TrainingData = _dataset.Describe(),
            Iterations = _iteration,
            Epochs = _epochsDone,
            BatchSize = _config.TrainDataset.BatchSize,
            Device = TrainingDevice.Describe(_device),
            TrainingMinutes = Math.Round(seconds / 60, 2),
            Created = DateTimeOffset.UtcNow,
            Metrics = metrics,
            Notes = $"repeat {_config.TrainDataset.Dataset.Repeat}, {_loader.BatchesPerEpoch} iterations/epoch, sample_q {_config.TrainDataset.Wrapper.SampleQ}, "
                + $"Adam lr {_config.Optimizer.Lr:G3}, precision {_config.Precision.Name()}, seed {_config.Seed}"
                + (_batchesDone > 0 ? $", stopped {_batchesDone} batches into epoch {_epochsDone + 1}" : "")
                + (_config.InitFrom is string init ? $"; started from the weights of {Path.GetFileName(init)} ({InitFromDescription})" : ""),
        };
    }

    private double Seconds(Stopwatch clock) => _secondsBefore + clock.Elapsed.TotalSeconds;

    private static string Describe(TrainingEndReason reason) => reason switch
    {
        TrainingEndReason.BudgetReached => "budget reached",
        TrainingEndReason.Interrupted => "interrupted",
        _ => "end of training",
    };
}
