namespace Liif.Training;

/// <summary>
/// What a kind of model brings to a <see cref="TrainingRun"/>: how its training samples are made from the images and
/// what one optimiser step does (LIIF: <see cref="LiifTrainer"/>; the fixed-scale baselines:
/// <see cref="FixedScaleTrainer"/>; the run picks one by its config's model). The run owns everything
/// else: data, validation, optimiser, weight average, schedule, checkpoints and files.
/// </summary>
internal interface IModelTrainer : IDisposable
{
    /// <summary>What the weights stand for in tables (<c>SRGAN (MSE content loss)</c>); null for a LIIF.</summary>
    string? Method => null;

    /// <summary>The shortest side an image needs to give a sample, and why (for the note on skipped images).</summary>
    (int Pixels, string Why) MinImageSide { get; }

    /// <summary>Draws one training sample from an image with the item's own generator (on a loader thread).</summary>
    IBatchSample Sample(ImageU8 image, DeterministicRandom rng);

    /// <summary>One step on <paramref name="batch"/> (of <see cref="Sample"/>'s samples); returns the loss to log.</summary>
    double Step(TrainingBatch batch, FlatAdam optimizer, Device device);

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
