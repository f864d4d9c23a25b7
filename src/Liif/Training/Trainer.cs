using System.Text.Json.Nodes;
using Liif.Inference;
using Liif.Models;
using Liif.Storage;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Liif.Training;

/// <summary>
/// The official <c>train_liif.py</c> loop: L1 loss between LIIF's prediction and the normalised HR colours of the
/// sampled pixels, Adam over the parameters that require gradients (<see cref="FlatAdam"/>), MultiStepLR stepped per
/// epoch, validation every <c>epoch_val</c> epochs and a checkpoint every <c>epoch_save</c> epochs. With
/// <c>ema_decay</c> the run also keeps a moving average of its weights (<see cref="WeightAverage"/>), which it
/// validates and writes as its model file. A run lives in one folder:
/// <c>config.yaml</c> (the full config), <c>checkpoint.safetensors</c> (<see cref="TrainingCheckpoint"/>),
/// <c>model.safetensors</c> (the model alone, with provenance), <c>log.csv</c> (<see cref="TrainingLog"/>) and
/// <c>curve.png</c>. Batches depend only on (seed, epoch, batch), so a resumed run continues with exactly the batches
/// the uninterrupted run would have seen.
/// </summary>
internal sealed class Trainer : TrainingRun<TrainingBatch>
{
    public const string ConfigFileName = "config.yaml";
    public const string ModelFileName = "model.safetensors";

    private readonly TrainConfig _config;
    private readonly string _configYaml;
    private readonly Device _device;
    private readonly LiifModel _model;
    private readonly List<(string Name, Parameter Parameter)> _trained;
    private readonly FlatAdam _optimizer;
    private readonly LiifModel? _averageModel;
    private readonly WeightAverage? _average;
    private readonly ImageFolderDataset _dataset;
    private readonly TrainingBatchLoader _loader;
    private readonly WholeImageValidator? _validator;

    private Trainer(TrainConfig config, string runDir, ITrainingObserver observer, TrainingCheckpoint? checkpoint)
        : base(runDir, observer, config.EpochMax, config.EpochVal, config.EpochSave,
            new MultiStepLearningRate(config.Optimizer.Lr, config.MultiStepLr?.Milestones, config.MultiStepLr?.Gamma ?? 1), checkpoint,
            config.BudgetLrDecay)
    {
        _config = config;
        _configYaml = config.ToYaml();
        _device = TrainingDevice.Resolve(config.Device);
        config.Precision.ApplyMatmulMode();

        ImplicitDownsampledConfig w = config.TrainDataset.Wrapper;
        var sampler = new ImplicitDownsampledSampler(w.InpSize, w.ScaleMin, w.ScaleMax, w.Augment, w.SampleQ, config.DataNorm);
        ImageFolderDataset? valImages = config.ValDataset is ValDatasetConfig v
            ? new ImageFolderDataset(v.Dataset.RootPaths, 1, v.Dataset.Cache, 0, v.Dataset.FirstK)
            : null;
        ImageFolderConfig d = config.TrainDataset.Dataset;
        // A validation image is never trained on: held-out photos of the training folders stay out of the training set.
        _dataset = new ImageFolderDataset(d.RootPaths, d.Repeat, d.Cache, sampler.MinImageSide, d.FirstK, leaveOut: valImages?.Files);
        if (_dataset.SkippedSmall > 0)
        {
            observer.Info($"training data: skipped {_dataset.SkippedSmall} images smaller than {sampler.MinImageSide} px "
                + $"(the largest HR crop, round({w.InpSize} × {w.ScaleMax})) on their shorter side");
        }

        ReportHeldOut(_dataset);

        if (!_dataset.IsCached && d.Cache == DatasetCacheMode.InMemory)
        {
            observer.Info($"training data: {_dataset.EstimatedBytes / (1 << 20)} MiB does not fit the memory budget; images are read from disk as needed");
        }

        _loader = new TrainingBatchLoader(_dataset, sampler, config.TrainDataset.BatchSize, config.Seed, config.Workers,
            pinned: _device.type == DeviceType.CUDA);
        if (valImages is not null)
        {
            _validator = new WholeImageValidator(valImages, config.ValDataset!.Scale, config.DataNorm, config.EvalBsize);
        }

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
        _optimizer = new FlatAdam(_trained, config.Optimizer);
        checkpoint?.RestoreOptimizer(_optimizer, Path.Combine(RunDir, TrainingCheckpoint.FileName));
        if (config.EmaDecay is double decay)
        {
            _averageModel = ModelFactory.MakeLiif(config.Model);
            _averageModel.to(_device);
            _average = new WeightAverage(_averageModel, _optimizer.Parameters, _model, decay);
            if (checkpoint is not null && !checkpoint.RestoreAverage(_averageModel, Path.Combine(RunDir, TrainingCheckpoint.FileName)))
            {
                observer.Info("the checkpoint holds no weight average: the average starts from its weights");
            }
        }

        File.WriteAllText(Path.Combine(RunDir, ConfigFileName), _configYaml);
        OpenLog();
    }

    public LiifModel Model => _model;

    /// <summary>The model a run validates and saves: the weight average with <c>ema_decay</c>, else the trained weights.</summary>
    public LiifModel ShippedModel => _averageModel ?? _model;

    protected override FlatAdam Optimizer => _optimizer;

    protected override int BatchesPerEpoch => _loader.BatchesPerEpoch;

    protected override bool HasValidation => _validator is not null;

    protected override long SeedForCheckpoint => _config.Seed;

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

    /// <summary>Starts a new run in <paramref name="runDir"/> (created if needed; it must not hold a checkpoint already).</summary>
    public static Trainer Start(TrainConfig config, string runDir, ITrainingObserver observer)
    {
        PrepareNewRunFolder(runDir);
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
        using TrainingCheckpoint checkpoint = LoadCheckpoint(runDir, expectedModel);
        string path = Path.Combine(runDir, TrainingCheckpoint.FileName);
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

        config = config with { EpochMax = epochMax ?? config.EpochMax, Device = device ?? config.Device, Workers = workers ?? config.Workers };
        return new Trainer(config, runDir, observer, checkpoint);
    }

    protected override IEnumerable<TrainingBatch> Batches(int epoch, int skip) => _loader.Epoch(epoch, skip);

    protected override double? Validate(CancellationToken stop) => _validator!.Evaluate(ShippedModel, _device, stop);

    protected override TrainingRunDescription Describe() => new($"{ComputeDevice.Describe(_device)}, {_config.Precision.Name()}",
        _dataset.Describe(), _validator?.Description, _trained.Sum(p => p.Parameter.numel()));

    public override void Dispose()
    {
        base.Dispose();
        _average?.Dispose();
        _averageModel?.Dispose();
        _optimizer.Dispose();
        _model.Dispose();
    }

    protected override double Step(TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        (Tensor inp, Tensor coord, Tensor cell, Tensor gt) = batch.ToTensors(_device);
        Tensor pred = _model.QueryRgb(_model.Encode(inp), coord, cell, _config.Precision.DecoderDtype());
        Tensor loss = F.l1_loss(pred, gt);
        _optimizer.ZeroGrad();
        loss.backward();
        _optimizer.Step();
        _average?.Update();
        return loss.item<float>();
    }

    protected override void WriteRunFiles(TrainingCheckpointState state, double seconds)
    {
        TrainingCheckpoint.Save(CheckpointPath, state, _configYaml, _config.Model, _model, _optimizer, _averageModel);
        ModelFile.Save(ModelPath, _config.Model, ShippedModel, _config.DataNorm, Provenance(seconds));
        TrainingCurvePlot.Save(Path.Combine(RunDir, TrainingCurvePlot.FileName), Log.Rows, $"LIIF training: {_dataset.Describe()}");
    }

    private ModelProvenance Provenance(double seconds)
    {
        return new ModelProvenance
        {
            Source = "liif train",
            TrainingData = _dataset.Describe(),
            Iterations = Iteration,
            Epochs = EpochsDone,
            BatchSize = _config.TrainDataset.BatchSize,
            Device = ComputeDevice.Describe(_device),
            TrainingMinutes = Math.Round(seconds / 60, 2),
            Created = DateTimeOffset.UtcNow,
            Metrics = _validator is null ? null : ValidationMetrics(_validator.Scale, _validator.Description),
            Notes = $"repeat {_config.TrainDataset.Dataset.Repeat}, {_loader.BatchesPerEpoch} iterations/epoch, sample_q {_config.TrainDataset.Wrapper.SampleQ}, "
                + $"Adam lr {_config.Optimizer.Lr:G3}, precision {_config.Precision.Name()}, seed {_config.Seed}"
                + (BatchesDone > 0 ? $", stopped {BatchesDone} batches into epoch {EpochsDone + 1}" : "")
                + (_average is not null ? $"; weights: exponential moving average (decay {_average.Decay:G4})" : "")
                + (_config.BudgetLrDecay is BudgetLrDecay b ? $"; rate decayed (cosine) over the last {b.Fraction:P0} of each invocation's budget" : "")
                + (_config.InitFrom is string init ? $"; started from the weights of {Path.GetFileName(init)} ({InitFromDescription})" : ""),
        };
    }
}
