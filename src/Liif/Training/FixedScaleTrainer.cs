using System.Globalization;
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
/// Trains a fixed-scale baseline (<see cref="FixedScaleTrainConfig"/>) with the run layout of LIIF's
/// <see cref="Trainer"/>: <c>config.yaml</c>, <c>checkpoint.safetensors</c>, <c>model.safetensors</c> (with
/// provenance, including the method's table name), <c>log.csv</c>, <c>curve.png</c>; resumable exactly. Each step:
/// the content loss (pixel MSE/L1, or VGG54 features) between the network's output and the HR crops, Adam. With
/// <c>adversarial</c> (SRGAN) each step first updates the discriminator (BCE: HR crops real, outputs fake), then the
/// generator on content + weight × BCE(D(output), real); the discriminator and its Adam are kept in
/// <c>discriminator.safetensors</c>. <c>init_from</c> starts the network from a model file (SRGAN from SRResNet).
/// </summary>
internal sealed class FixedScaleTrainer : TrainingRun<FixedScaleBatch>
{
    public const string DiscriminatorFileName = "discriminator.safetensors";

    /// <summary>SRGAN rescales VGG feature maps by 1/12.75 before the MSE.</summary>
    public const double VggScale = 1 / 12.75;

    private readonly FixedScaleTrainConfig _config;
    private readonly string _configYaml;
    private readonly Device _device;
    private readonly FixedScaleNetwork _network;
    private readonly List<(string Name, Parameter Parameter)> _trained;
    private readonly FlatAdam _optimizer;
    private readonly SrganDiscriminator? _discriminator;
    private readonly List<(string Name, Parameter Parameter)> _discriminatorTrained = [];
    private readonly FlatAdam? _discriminatorOptimizer;
    private readonly Vgg19Features? _vgg;
    private readonly ImageFolderDataset _dataset;
    private readonly FixedScaleBatchLoader _loader;
    private readonly WholeImageValidator? _validator;
    private readonly string? _initNote;
    private readonly RecentLossMeans _means = new();

    private FixedScaleTrainer(FixedScaleTrainConfig config, string runDir, ITrainingObserver observer,
        TrainingCheckpoint? checkpoint, TrainingCheckpoint? discriminatorCheckpoint)
        : base(runDir, observer, config.EpochMax, config.EpochVal, config.EpochSave,
            new MultiStepLearningRate(config.Optimizer.Lr, config.MultiStepLr?.Milestones, config.MultiStepLr?.Gamma ?? 1), checkpoint)
    {
        _config = config;
        _configYaml = config.ToYaml();
        _device = TrainingDevice.Resolve(config.Device);

        FixedScaleWrapperConfig w = config.TrainDataset.Wrapper;
        random.manual_seed(config.Seed);
        _network = ModelFactory.MakeFixedScale(config.Model);
        var sampler = new FixedScaleCropSampler(w.InpSize, _network.Scale, w.Augment, _network.TakesUpsampledInput, config.DataNorm);
        ImageFolderDataset? valImages = config.ValDataset is ValDatasetConfig v
            ? new ImageFolderDataset(v.Dataset.RootPaths, 1, v.Dataset.Cache, 0, v.Dataset.FirstK)
            : null;
        ImageFolderConfig d = config.TrainDataset.Dataset;
        _dataset = new ImageFolderDataset(d.RootPaths, d.Repeat, d.Cache, sampler.HrSize, d.FirstK, leaveOut: valImages?.Files);
        if (_dataset.SkippedSmall > 0)
        {
            observer.Info($"training data: skipped {_dataset.SkippedSmall} images smaller than the {sampler.HrSize} px HR crop on their shorter side");
        }

        ReportHeldOut(_dataset);

        _loader = new FixedScaleBatchLoader(_dataset, sampler, config.TrainDataset.BatchSize, config.Seed, config.Workers,
            pinned: _device.type == DeviceType.CUDA);
        if (valImages is not null)
        {
            _validator = new WholeImageValidator(valImages, config.ValDataset!.Scale, config.DataNorm);
        }

        if (checkpoint is not null)
        {
            checkpoint.RestoreModel(_network, Path.Combine(RunDir, TrainingCheckpoint.FileName));
        }
        else if (config.InitFrom is string init)
        {
            _initNote = InitialiseFrom(init);
        }

        _network.to(_device);
        _network.train();
        _trained = _network.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        _optimizer = new FlatAdam(_trained, config.Optimizer);

        if (config.ContentLoss == ContentLoss.Vgg54)
        {
            _vgg = Vgg19Features.Load(config.Vgg!);
            _vgg.to(_device);
        }

        if (config.Adversarial is AdversarialConfig a)
        {
            _discriminator = (SrganDiscriminator)ModelFactory.Make(a.Discriminator);
            if (discriminatorCheckpoint is not null)
            {
                discriminatorCheckpoint.RestoreModel(_discriminator, Path.Combine(RunDir, DiscriminatorFileName));
            }

            _discriminator.to(_device);
            _discriminator.train();
            _discriminatorTrained = _discriminator.named_parameters().Where(p => p.parameter.requires_grad).ToList();
            _discriminatorOptimizer = new FlatAdam(_discriminatorTrained, a.Optimizer);
        }

        if (checkpoint is not null)
        {
            checkpoint.RestoreOptimizer(_optimizer, Path.Combine(RunDir, TrainingCheckpoint.FileName));
            if (discriminatorCheckpoint is not null && _discriminatorOptimizer is not null)
            {
                discriminatorCheckpoint.RestoreOptimizer(_discriminatorOptimizer, Path.Combine(RunDir, DiscriminatorFileName));
            }

            _initNote = checkpoint.State.Notes;
        }

        File.WriteAllText(Path.Combine(RunDir, Trainer.ConfigFileName), _configYaml);
        OpenLog();
    }

    public string DiscriminatorPath => Path.Combine(RunDir, DiscriminatorFileName);

    public FixedScaleNetwork Network => _network;

    protected override FlatAdam Optimizer => _optimizer;

    protected override int BatchesPerEpoch => _loader.BatchesPerEpoch;

    protected override bool HasValidation => _validator is not null;

    protected override long SeedForCheckpoint => _config.Seed;

    protected override string? CheckpointNotes => _initNote;

    /// <summary>Starts a new run in <paramref name="runDir"/> (it must not hold a checkpoint already).</summary>
    public static FixedScaleTrainer Start(FixedScaleTrainConfig config, string runDir, ITrainingObserver observer)
    {
        PrepareNewRunFolder(runDir);
        return new FixedScaleTrainer(config, runDir, observer, null, null);
    }

    /// <summary>Whether the checkpoint in <paramref name="runDir"/> is a fixed-scale run (an srcnn or srresnet model).</summary>
    public static bool IsFixedScaleRun(string runDir)
    {
        string config = Path.Combine(runDir, Trainer.ConfigFileName);
        return File.Exists(config) && FixedScaleTrainConfig.Handles(YamlTree.Parse(File.ReadAllText(config), Trainer.ConfigFileName));
    }

    /// <summary>Continues the run in <paramref name="runDir"/> with the config stored in its checkpoint.</summary>
    public static FixedScaleTrainer Resume(string runDir, ITrainingObserver observer, int? epochMax = null, string? device = null,
        ModelSpec? expectedModel = null, int? workers = null)
    {
        using TrainingCheckpoint checkpoint = LoadCheckpoint(runDir, expectedModel);
        string path = Path.Combine(runDir, TrainingCheckpoint.FileName);
        FixedScaleTrainConfig config;
        try
        {
            config = FixedScaleTrainConfig.FromYaml(checkpoint.ConfigYaml, $"config in {TrainingCheckpoint.FileName}");
        }
        catch (ConfigException e)
        {
            throw new CheckpointException($"'{path}': its stored config is unusable: {e.Message}", e);
        }

        string discriminatorPath = Path.Combine(runDir, DiscriminatorFileName);
        using TrainingCheckpoint? discriminator = config.Adversarial is null ? null : TrainingCheckpoint.Load(discriminatorPath);
        config = config with { EpochMax = epochMax ?? config.EpochMax, Device = device ?? config.Device, Workers = workers ?? config.Workers };
        return new FixedScaleTrainer(config, runDir, observer, checkpoint, discriminator);
    }

    protected override IEnumerable<FixedScaleBatch> Batches(int epoch, int skip) => _loader.Epoch(epoch, skip);

    protected override double? Validate(CancellationToken stop) => _validator!.Evaluate(_network, _device, stop);

    protected override TrainingRunDescription Describe() => new(ComputeDevice.Describe(_device), _dataset.Describe(), _validator?.Description,
        _trained.Sum(p => p.Parameter.numel()) + _discriminatorTrained.Sum(p => p.Parameter.numel()));

    public override void Dispose()
    {
        base.Dispose();
        _optimizer.Dispose();
        _discriminatorOptimizer?.Dispose();
        _discriminator?.Dispose();
        _vgg?.Dispose();
        _network.Dispose();
    }

    /// <summary>One optimizer step (two with a discriminator); returns the generator's total loss.</summary>
    protected override double Step(FixedScaleBatch batch)
    {
        using var scope = NewDisposeScope();
        (Tensor input, Tensor target) = batch.ToTensors(_device);
        Tensor output = _network.call(input);
        if (_discriminator is null)
        {
            Tensor loss = Content(output, target);
            _optimizer.ZeroGrad();
            loss.backward();
            _optimizer.Step();
            double value = loss.item<float>();
            _means.Add(value, null, null);
            return value;
        }

        // Discriminator: HR crops are real, the generator's outputs (detached) fake.
        Tensor real = _discriminator.call(target);
        Tensor fake = _discriminator.call(output.detach());
        Tensor lossD = F.binary_cross_entropy_with_logits(real, ones_like(real))
            .add(F.binary_cross_entropy_with_logits(fake, zeros_like(fake)));
        _discriminatorOptimizer!.ZeroGrad();
        lossD.backward();
        _discriminatorOptimizer.Step();

        // Generator: content + weight × adversarial (fool the updated discriminator).
        Tensor judged = _discriminator.call(output);
        Tensor content = Content(output, target);
        Tensor adversarial = F.binary_cross_entropy_with_logits(judged, ones_like(judged));
        Tensor lossG = content.add(adversarial.mul(_config.Adversarial!.Weight));
        _optimizer.ZeroGrad();
        lossG.backward();
        _optimizer.Step();
        _means.Add(content.item<float>(), adversarial.item<float>(), lossD.item<float>());
        return lossG.item<float>();
    }

    private Tensor Content(Tensor output, Tensor target)
    {
        switch (_config.ContentLoss)
        {
            case ContentLoss.L1:
                return F.l1_loss(output, target);
            case ContentLoss.Vgg54:
                // VGG sees colours in [0, 1], whatever the data normalisation.
                Tensor fo = _vgg!.call(_config.DataNorm.DenormalizeOutput(output, 1)).mul(VggScale);
                Tensor ft;
                using (no_grad())
                {
                    ft = _vgg.call(_config.DataNorm.DenormalizeOutput(target, 1)).mul(VggScale);
                }

                return F.mse_loss(fo, ft);
            default:
                return F.mse_loss(output, target);
        }
    }

    /// <summary>Copies the weights of a model file of the same architecture; returns a provenance note.</summary>
    private string InitialiseFrom(string path)
    {
        using LoadedModel loaded = ModelLoader.Load(path);
        if (!JsonNode.DeepEquals(loaded.Spec.ToJson(), _config.Model.ToJson()))
        {
            throw new CheckpointException($"init_from '{Path.GetFileName(path)}' holds {loaded.Spec}, not the config's model {_config.Model}");
        }

        StateDictLoader.LoadStrict(_network, loaded.Module.state_dict(), Path.GetFileName(path));
        ModelProvenance p = loaded.Provenance;
        string minutes = p.TrainingMinutes is double m ? string.Create(CultureInfo.InvariantCulture, $", {m:0.#} min") : "";
        return $"initialised from {Path.GetFileName(path)} ({p.Method ?? loaded.Spec.Name}: {p.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "?"} iterations{minutes}, {p.Device ?? "?"})";
    }

    protected override void WriteRunFiles(TrainingCheckpointState state, double seconds)
    {
        if (_discriminator is not null)
        {
            TrainingCheckpoint.Save(DiscriminatorPath, state, _configYaml, _config.Adversarial!.Discriminator, _discriminator,
                _discriminatorOptimizer!);
        }

        TrainingCheckpoint.Save(CheckpointPath, state, _configYaml, _config.Model, _network, _optimizer);
        ModelFile.Save(ModelPath, _config.Model, _network, _config.DataNorm, Provenance(seconds));
        TrainingCurvePlot.Save(Path.Combine(RunDir, TrainingCurvePlot.FileName), Log.Rows, $"{_config.Method} training: {_dataset.Describe()}");
    }

    private ModelProvenance Provenance(double seconds)
    {
        FixedScaleWrapperConfig w = _config.TrainDataset.Wrapper;
        var notes = new List<string>
        {
            $"{_config.Method}; HR crops {w.InpSize * _network.Scale}px / LR {w.InpSize}px (Pillow bicubic)"
                + (_network.TakesUpsampledInput ? ", input = LR bicubic-upscaled to the HR size" : ""),
            $"content loss {_config.ContentLoss.ToString().ToLowerInvariant()}"
                + (_config.Adversarial is AdversarialConfig a ? string.Create(CultureInfo.InvariantCulture, $" + {a.Weight:G3} x adversarial (BCE), discriminator Adam lr {a.Optimizer.Lr:G3}") : ""),
            string.Create(CultureInfo.InvariantCulture, $"repeat {_config.TrainDataset.Dataset.Repeat}, {_loader.BatchesPerEpoch} iterations/epoch, Adam lr {_config.Optimizer.Lr:G3}, seed {_config.Seed}"),
        };
        if (_means.Describe() is string means)
        {
            notes.Add(means);
        }

        if (_initNote is not null)
        {
            notes.Add(_initNote);
        }

        if (BatchesDone > 0)
        {
            notes.Add($"stopped {BatchesDone} batches into epoch {EpochsDone + 1}");
        }

        return new ModelProvenance
        {
            Source = "liif train",
            Method = _config.Method,
            TrainingData = _dataset.Describe(),
            Iterations = Iteration,
            Epochs = EpochsDone,
            BatchSize = _config.TrainDataset.BatchSize,
            Device = ComputeDevice.Describe(_device),
            TrainingMinutes = Math.Round(seconds / 60, 2),
            Created = DateTimeOffset.UtcNow,
            Metrics = _validator is null ? null : ValidationMetrics(_validator.Scale, _validator.Description),
            Notes = string.Join("; ", notes),
        };
    }
}
