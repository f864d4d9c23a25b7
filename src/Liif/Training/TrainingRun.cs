namespace Liif.Training;

/// <summary>
/// A training run in its <see cref="RunFolder"/>, for any model <c>liif train</c> trains: the model's own part (its
/// samples and its step) comes from its <see cref="IModelTrainer"/>, the rest is here and the same for all. The model
/// starts from <see cref="SeededInitialization"/> of the run's seed (or <c>init_from</c>'s weights); the data are the
/// training folders less the validation images; the optimiser is Adam over all trained parameters at once
/// (<see cref="FlatAdam"/>); with <c>ema_decay</c> a moving average of the weights (<see cref="WeightAverage"/>) is
/// what is validated and shipped as the model file. The loop: the learning rate of each step is the epoch's
/// (MultiStepLR) times the <see cref="BudgetLrDecay"/> factor when there is one; a log row per step; validation every
/// <c>epoch_val</c> epochs; a checkpoint every <c>epoch_save</c> epochs, every
/// <see cref="TrainingBudget.SaveEveryMinutes"/> and whenever the run ends (last epoch, budget, Ctrl-C). Batches
/// depend only on (seed, epoch, batch), so a resumed run continues with exactly the batches the uninterrupted run
/// would have seen.
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private readonly TrainConfig _config;
    private readonly string _configYaml;
    private readonly RunFolder _folder;
    private readonly ITrainingObserver _observer;
    private readonly Device _device;
    private readonly MultiStepLearningRate _schedule;
    private readonly nn.Module _model;
    private readonly IModelTrainer _trainer;
    private readonly ImageFolderDataset _dataset;
    private readonly BatchLoader _loader;
    private readonly WholeImageValidator? _validator;
    private readonly FlatAdam _optimizer;
    private readonly nn.Module? _averageModel;
    private readonly WeightAverage? _average;
    private readonly TrainingLog _log;
    private readonly bool _resumed;
    private readonly TrainingCheckpointState _state;
    private readonly double _secondsBefore;
    private readonly RunFolderLock _lock;

    /// <summary>Takes over <paramref name="folderLock"/>: released when the run is disposed.</summary>
    private TrainingRun(TrainConfig config, RunFolder folder, RunFolderLock folderLock, ITrainingObserver observer, TrainingCheckpoint? checkpoint)
    {
        _lock = folderLock;
        _config = config;
        _configYaml = config.ToYaml();
        _folder = folder;
        _observer = observer;
        _device = TrainConfig.ResolveDevice(config.Device);
        config.Precision.ApplyMatmulMode();
        _schedule = new MultiStepLearningRate(config.Optimizer.Args.Lr, config.MultiStepLr?.Milestones, config.MultiStepLr?.Gamma ?? 1);
        _resumed = checkpoint is not null;
        _state = checkpoint?.State ?? new TrainingCheckpointState();
        _secondsBefore = _state.ElapsedSeconds;

        _model = ModelFactory.Make(config.Model);
        SeededInitialization.Apply(_model, config.Seed);
        // The checked config's model is a LIIF or a fixed-scale baseline.
        _trainer = config.IsFixedScale
            ? new FixedScaleTrainer(config, (FixedScaleNetwork)_model, _device, folder, _resumed)
            : new LiifTrainer(config, (LiifModel)_model);

        ImageFolderDataset? valImages = config.ValDataset?.Dataset.Args is ImageFolderArgs v
            ? new ImageFolderDataset(v.RootPath, 1, v.Cache, 0, v.FirstK)
            : null;
        ImageFolderArgs d = config.TrainDataset.Dataset.Args;
        (int minSide, string why) = _trainer.MinImageSide;
        // A validation image is never trained on: held-out photos of the training folders stay out of the training set.
        _dataset = new ImageFolderDataset(d.RootPath, d.Repeat, d.Cache, minSide, d.FirstK, leaveOut: valImages?.Files);
        ReportData(minSide, why, d.Cache);
        _loader = new BatchLoader(_dataset, _trainer.Sample, config.TrainDataset.BatchSize, config.Seed, config.Workers,
            pinned: _device.type == DeviceType.CUDA);
        _validator = valImages is null ? null : new WholeImageValidator(valImages, config.ValScale, config.DataNorm, config.EvalBsize);

        if (checkpoint is not null)
        {
            checkpoint.RestoreModel(_model);
        }
        else if (config.InitFrom is string initFrom)
        {
            _state.Notes = InitializeFrom(initFrom);
        }

        _model.to(_device);
        _model.train();
        _optimizer = new FlatAdam(_model, config.Optimizer.Args);
        checkpoint?.RestoreOptimizer(_optimizer);
        if (config.EmaDecay is double decay)
        {
            _averageModel = ModelFactory.Make(config.Model);
            _averageModel.to(_device);
            _average = new WeightAverage(_averageModel, _optimizer.Parameters, _model, decay);
            if (checkpoint is not null && !checkpoint.RestoreAverage(_averageModel))
            {
                observer.Info("the checkpoint holds no weight average: the average starts from its weights");
            }
        }

        AtomicFile.Write(folder.Config, System.Text.Encoding.UTF8.GetBytes(_configYaml));
        _log = new TrainingLog(folder.Log, _state.Iteration);
    }

    public RunFolder Folder => _folder;

    /// <summary>The model whose weights the optimiser trains.</summary>
    public nn.Module Model => _model;

    /// <summary>The model a run validates and saves: the weight average with <c>ema_decay</c>, else the trained weights.</summary>
    public nn.Module ShippedModel => _averageModel ?? _model;

    /// <summary>
    /// Starts a new run in <paramref name="runDir"/> (created if needed; it must not hold a checkpoint already). A run
    /// that cannot start (no images, a model too large) removes the folders it created: a started one has written its
    /// config.yaml into them.
    /// </summary>
    public static TrainingRun Start(TrainConfig config, string runDir, ITrainingObserver observer)
    {
        RunFolder folder = RunFolder.CreateNew(runDir, out CreatedFolders made);
        using (made)
        {
            return Locked(folder, folderLock => new TrainingRun(config, folder, folderLock, observer, null));
        }
    }

    /// <summary>
    /// Continues the run in <paramref name="runDir"/> from its checkpoint, with the config stored there.
    /// <paramref name="epochMax"/> and <paramref name="device"/> may change; <paramref name="expectedModel"/>, when
    /// given, must be the checkpoint's architecture. <paramref name="workers"/> changes the loading threads only.
    /// </summary>
    public static TrainingRun Resume(string runDir, ITrainingObserver observer, int? epochMax = null, string? device = null,
        ModelSpec? expectedModel = null, int? workers = null)
    {
        RunFolder folder = RunFolder.Existing(runDir);
        return Locked(folder, folderLock => Resume(folder, folderLock, observer, epochMax, device, expectedModel, workers));
    }

    /// <summary>Opens a run with the folder's lock held: a run that cannot open releases it.</summary>
    private static TrainingRun Locked(RunFolder folder, Func<RunFolderLock, TrainingRun> open)
    {
        RunFolderLock folderLock = RunFolderLock.Take(folder);
        try
        {
            return open(folderLock);
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    private static TrainingRun Resume(RunFolder folder, RunFolderLock folderLock, ITrainingObserver observer, int? epochMax,
        string? device, ModelSpec? expectedModel, int? workers)
    {
        using TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(folder.Checkpoint);
        if (expectedModel is not null && !JsonNode.DeepEquals(expectedModel.ToJson(), checkpoint.Spec.ToJson()))
        {
            throw new CheckpointException($"'{folder.Checkpoint}' is a checkpoint of another architecture ({checkpoint.Spec}) than the config's ({expectedModel})");
        }

        TrainConfig config;
        try
        {
            config = TrainConfig.FromYaml(checkpoint.ConfigYaml, $"config in {Path.GetFileName(folder.Checkpoint)}");
        }
        catch (ConfigException e)
        {
            throw new CheckpointException($"'{folder.Checkpoint}': its stored config is unusable: {e.Message}", e);
        }

        if (!JsonNode.DeepEquals(config.Model.ToJson(), checkpoint.Spec.ToJson()))
        {
            throw new CheckpointException($"'{folder.Checkpoint}' is inconsistent: its model spec differs from its config's");
        }

        config = config with { EpochMax = epochMax ?? config.EpochMax, Device = device ?? config.Device, Workers = workers ?? config.Workers };
        return new TrainingRun(config, folder, folderLock, observer, checkpoint);
    }

    /// <summary>Trains until the last epoch, the budget, or <paramref name="stop"/>; always ends with a saved checkpoint.</summary>
    public TrainingOutcome Run(TrainingBudget? budget = null, CancellationToken stop = default)
    {
        budget ??= new TrainingBudget();
        var clock = Stopwatch.StartNew();
        int perEpoch = _loader.BatchesPerEpoch;
        long target = (long)_config.EpochMax * perEpoch;
        if (budget.MaxIterations is long n)
        {
            target = Math.Min(target, _state.Iteration + n);
        }

        long parameters = _optimizer.Parameters.Values.numel() + _trainer.OtherParameters;
        _observer.Started(new TrainingStartInfo(_folder.Path, $"{ComputeDevice.Describe(_device)}, {_config.Precision.Name()}", _dataset.Describe(),
            _validator?.Description, parameters, perEpoch, _state.EpochsDone + 1, _config.EpochMax, _state.Iteration, target,
            _resumed));

        long sessionSteps = 0;
        TrainingEndReason? stopping = null;
        bool savedAtEnd = false;
        TimeSpan lastSave = TimeSpan.Zero;
        for (int epoch = _state.EpochsDone + 1; epoch <= _config.EpochMax && stopping is null; epoch++)
        {
            double epochLr = _schedule.At(epoch);
            double lr = epochLr;
            foreach (TrainingBatch batch in _loader.Epoch(epoch, _state.BatchesDoneInEpoch))
            {
                lr = epochLr * (_config.BudgetLrDecay?.Factor(budget.Progress(sessionSteps, clock.Elapsed)) ?? 1);
                _optimizer.LearningRate = lr;
                double loss;
                using (batch)
                {
                    loss = _trainer.Step(batch, _optimizer, _device);
                    _average?.Update();
                }

                _state.Iteration++;
                _state.BatchesDoneInEpoch = batch.IndexInEpoch + 1;
                sessionSteps++;
                _log.Append(new TrainingLogRow(epoch, _state.Iteration, loss, lr, null, Seconds(clock)));
                _observer.Stepped(new TrainingStepInfo(epoch, _state.Iteration, _state.BatchesDoneInEpoch, loss, lr,
                    clock.Elapsed.TotalSeconds));
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

                if (budget.SaveDue(clock.Elapsed - lastSave) && _state.BatchesDoneInEpoch < perEpoch)
                {
                    Save(clock, $"every {budget.SaveEveryMinutes:0.##} min");
                    lastSave = clock.Elapsed;
                }
            }

            if (_state.BatchesDoneInEpoch < perEpoch)
            {
                break; // stopped mid-epoch
            }

            _state.EpochsDone = epoch;
            _state.BatchesDoneInEpoch = 0;
            if (_validator is not null && _config.EpochVal > 0 && epoch % _config.EpochVal == 0 && stopping != TrainingEndReason.Interrupted)
            {
                if (_validator.Evaluate(ShippedModel, _device, stop) is double p)
                {
                    (_state.ValPsnr, _state.ValEpoch) = (p, epoch);
                    _log.Append(new TrainingLogRow(epoch, _state.Iteration, null, lr, p, Seconds(clock)));
                    _observer.Validated(epoch, _state.Iteration, p);
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

            savedAtEnd = last || stopping is not null || (_config.EpochSave > 0 && epoch % _config.EpochSave == 0) || budget.SaveDue(clock.Elapsed - lastSave);
            if (savedAtEnd)
            {
                Save(clock, last ? "end of training" : stopping is null ? $"epoch {epoch}" : Reason(stopping.Value));
                lastSave = clock.Elapsed;
            }
        }

        if (!savedAtEnd || _state.BatchesDoneInEpoch > 0)
        {
            Save(clock, stopping is null ? "end of training" : Reason(stopping.Value));
        }

        return new TrainingOutcome(stopping ?? TrainingEndReason.Completed, _state.EpochsDone, _state.Iteration,
            _state.ValPsnr, _folder.Checkpoint, _folder.Model, Seconds(clock));
    }

    public void Dispose()
    {
        _log.Dispose();
        _trainer.Dispose();
        _average?.Dispose();
        _averageModel?.Dispose();
        _optimizer.Dispose();
        _model.Dispose();
        _lock.Dispose();
    }

    /// <summary>Notes on the training set: images too small to sample, held-out validation images, a cache that does not fit.</summary>
    private void ReportData(int minSide, string why, DatasetCacheMode cache)
    {
        if (_dataset.SkippedSmall > 0)
        {
            _observer.Info($"training data: skipped {_dataset.SkippedSmall} images smaller than {minSide} px ({why}) on their shorter side");
        }

        if (_dataset.HeldOut > 0)
        {
            _observer.Info($"training data: {_dataset.HeldOut} image{(_dataset.HeldOut == 1 ? "" : "s")} of the training folders held out as the validation set");
        }

        if (!_dataset.IsCached && cache == DatasetCacheMode.InMemory)
        {
            _observer.Info($"training data: {_dataset.EstimatedBytes / (1 << 20)} MiB does not fit the memory budget; images are read from disk as needed");
        }
    }

    /// <summary>Starts from a model file's weights (ours or official), which must be of the config's model; returns a provenance note.</summary>
    private string InitializeFrom(string path)
    {
        using LoadedModel loaded = ModelLoader.Load(path);
        if (loaded.Module.GetType() != _model.GetType())
        {
            throw new CheckpointException($"init_from '{Path.GetFileName(path)}' holds {loaded.Spec.Name}, not a {_config.Model.Name} model");
        }

        StateDictLoader.LoadStrict(_model, loaded.Module.state_dict(), Path.GetFileName(path));
        ModelProvenance p = loaded.Provenance;
        string minutes = p.TrainingMinutes is double m ? string.Create(CultureInfo.InvariantCulture, $", {m:0.#} min") : "";
        return $"started from the weights of {Path.GetFileName(path)} ({p.Method ?? p.Source ?? loaded.Spec.Name}: "
            + $"{p.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "?"} iterations of batch {p.BatchSize?.ToString(CultureInfo.InvariantCulture) ?? "?"}{minutes}, {p.Device ?? "?"})";
    }

    private void Save(Stopwatch clock, string reason)
    {
        double seconds = Seconds(clock);
        _state.ElapsedSeconds = seconds;
        _state.Seed = _config.Seed;
        _state.Scheduler = new TrainingCheckpointState.SchedulerState
        {
            Milestones = _schedule.Milestones.ToArray(),
            Gamma = _schedule.Gamma,
            BaseLr = _schedule.BaseLr,
            LastEpoch = _state.EpochsDone,
        };
        _trainer.Save(_folder, _state, _configYaml);
        TrainingCheckpoint.Save(_folder.Checkpoint, _state, _configYaml, _config.Model, _model, _optimizer, _averageModel);
        ModelFile.Save(_folder.Model, _config.Model, ShippedModel, _config.DataNorm, Provenance(seconds));
        TrainingCurvePlot.Save(_folder.Curve, _log.Rows, $"{_trainer.Method ?? "LIIF"} training: {_dataset.Describe()}");
        _observer.Info($"saved {_folder.Checkpoint} at iteration {_state.Iteration} ({reason})");
    }

    private ModelProvenance Provenance(double seconds)
    {
        IEnumerable<string> notes =
        [
            .. _trainer.Notes,
            string.Create(CultureInfo.InvariantCulture, $"repeat {_config.TrainDataset.Dataset.Args.Repeat}, {_loader.BatchesPerEpoch} iterations/epoch, "
                + $"Adam lr {_config.Optimizer.Args.Lr:G3}, precision {_config.Precision.Name()}, seed {_config.Seed}"),
            .. _state.BatchesDoneInEpoch > 0
                ? [$"stopped {_state.BatchesDoneInEpoch} batches into epoch {_state.EpochsDone + 1}"]
                : Array.Empty<string>(),
            .. _average is not null ? [string.Create(CultureInfo.InvariantCulture, $"weights: exponential moving average (decay {_average.Decay:G4})")] : Array.Empty<string>(),
            .. _config.BudgetLrDecay is BudgetLrDecay b ? [$"rate decayed (cosine) over the last {b.Fraction:P0} of each invocation's budget"] : Array.Empty<string>(),
            .. _state.Notes is not null ? [_state.Notes] : Array.Empty<string>(),
        ];
        return new ModelProvenance
        {
            Source = "liif train",
            Method = _trainer.Method,
            TrainingData = _dataset.Describe(),
            Iterations = _state.Iteration,
            Epochs = _state.EpochsDone,
            BatchSize = _config.TrainDataset.BatchSize,
            Device = ComputeDevice.Describe(_device),
            TrainingMinutes = Math.Round(seconds / 60, 2),
            Created = DateTimeOffset.UtcNow,
            Metrics = _state.ValPsnr is double psnr
                ? new Dictionary<string, double>
                {
                    [$"val PSNR-RGB x{_validator!.Scale} ({_validator.Description}, epoch {_state.ValEpoch})"] = Math.Round(psnr, 4),
                }
                : null,
            Notes = string.Join("; ", notes),
        };
    }

    private double Seconds(Stopwatch clock) => _secondsBefore + clock.Elapsed.TotalSeconds;

    private static string Reason(TrainingEndReason reason) => reason switch
    {
        TrainingEndReason.BudgetReached => "budget reached",
        TrainingEndReason.Interrupted => "interrupted",
        _ => "end of training",
    };
}
