namespace Liif.Training;

/// <summary>
/// What a kind of model brings to a <see cref="TrainingRun"/>: how its training samples are made from the images and
/// what one optimiser step does (LIIF: <see cref="LiifTrainer"/>; the fixed-scale baselines:
/// <see cref="FixedScaleTrainer"/>; <see cref="ModelTrainers"/> picks one by model name). The run owns everything
/// else: data, validation, optimiser, weight average, schedule, checkpoints and files.
/// </summary>
internal interface IModelTrainer : IDisposable
{
    /// <summary>What the weights stand for in tables (<c>SRGAN (MSE content loss)</c>); null for a LIIF.</summary>
    string? Method => null;

    /// <summary>The shortest side an image needs to give a sample, and why (for the note on skipped images).</summary>
    (int Pixels, string Why) MinImageSide { get; }

    /// <summary>The batches of a dataset, made on <paramref name="workers"/> threads; page-locked when <paramref name="pinned"/>.</summary>
    IBatchSource Loader(ImageFolderDataset dataset, int batchSize, long seed, int workers, bool pinned);

    /// <summary>One step on <paramref name="batch"/> (one of <see cref="Loader"/>'s); returns the loss to log.</summary>
    double Step(IEpochBatch batch, FlatAdam optimizer, Device device);

    /// <summary>Trained parameters besides the model's (SRGAN's discriminator).</summary>
    long OtherParameters => 0;

    /// <summary>The model-specific part of the model file's provenance notes.</summary>
    IEnumerable<string> Notes => [];

    /// <summary>Writes state of its own beside the run's checkpoint (SRGAN's discriminator and its Adam).</summary>
    void Save(RunFolder folder, TrainingCheckpointState state, string configYaml)
    {
    }

    void IDisposable.Dispose()
    {
    }
}

/// <summary>The batches of each epoch, in the order of the run's seed.</summary>
internal interface IBatchSource
{
    int BatchesPerEpoch { get; }

    /// <summary>The batches of <paramref name="epoch"/> from <paramref name="firstBatch"/> on, made in the background.</summary>
    IEnumerable<IEpochBatch> Epoch(int epoch, int firstBatch);
}
