namespace Liif.Training;

/// <summary>
/// The folder of one training run and the files in it: <c>config.yaml</c> (the full config),
/// <c>checkpoint.safetensors</c> (<see cref="TrainingCheckpoint"/>), <c>model.safetensors</c> (the model alone, with
/// provenance), <c>log.csv</c> (<see cref="TrainingLog"/>), <c>curve.png</c> and, for SRGAN,
/// <c>discriminator.safetensors</c>.
/// </summary>
internal sealed class RunFolder
{
    public const string ConfigFileName = "config.yaml";
    public const string CheckpointFileName = "checkpoint.safetensors";
    public const string ModelFileName = "model.safetensors";
    public const string LogFileName = "log.csv";
    public const string CurveFileName = "curve.png";
    public const string DiscriminatorFileName = "discriminator.safetensors";

    private RunFolder(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    public string Config => File(ConfigFileName);

    public string Checkpoint => File(CheckpointFileName);

    public string Model => File(ModelFileName);

    public string Log => File(LogFileName);

    public string Curve => File(CurveFileName);

    public string Discriminator => File(DiscriminatorFileName);

    /// <summary>A new run's folder: created if needed, refused if it already holds a run.</summary>
    public static RunFolder CreateNew(string path)
    {
        var folder = new RunFolder(path);
        if (System.IO.File.Exists(folder.Checkpoint))
        {
            throw new CheckpointException($"'{path}' already holds a training run; continue it with --resume {path} or choose another --out");
        }

        Directory.CreateDirectory(folder.Path);
        return folder;
    }

    /// <summary>The folder of a run to continue: it must hold a checkpoint.</summary>
    public static RunFolder Existing(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new CheckpointException($"run folder '{path}' not found");
        }

        var folder = new RunFolder(path);
        return System.IO.File.Exists(folder.Checkpoint)
            ? folder
            : throw new CheckpointException($"'{path}' has no {CheckpointFileName} to resume from");
    }

    private string File(string name) => System.IO.Path.Combine(Path, name);
}
