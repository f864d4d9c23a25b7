namespace Liif.Training;

/// <summary>
/// The folder of one training run and the files in it: <c>config.yaml</c> (the full config),
/// <c>checkpoint.safetensors</c> (<see cref="TrainingCheckpoint"/>), <c>model.safetensors</c> (the model alone, with
/// provenance), <c>log.csv</c> (<see cref="TrainingLog"/>), <c>curve.png</c> and, for SRGAN,
/// <c>discriminator.safetensors</c>. The constructor only names them; <see cref="CreateNew"/> and
/// <see cref="Existing"/> check the folder.
/// </summary>
internal sealed class RunFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Config => File("config.yaml");

    public string Checkpoint => File("checkpoint.safetensors");

    public string Model => File("model.safetensors");

    public string Log => File("log.csv");

    public string Curve => File("curve.png");

    public string Discriminator => File("discriminator.safetensors");

    /// <summary>A new run's folder: created if needed (<paramref name="made"/>: what was), refused if it already holds a run.</summary>
    public static RunFolder CreateNew(string path, out CreatedFolders made)
    {
        var folder = new RunFolder(path);
        if (System.IO.File.Exists(folder.Checkpoint))
        {
            throw new CheckpointException($"'{path}' already holds a training run; continue it with --resume {path} or choose another --out");
        }

        if (System.IO.File.Exists(path))
        {
            throw new LiifException($"--out '{path}' is a file, not a run folder");
        }

        try
        {
            made = CreatedFolders.Create(folder.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LiifException($"cannot create run folder '{path}': {e.Message}", e);
        }

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
            : throw new CheckpointException($"'{path}' has no {System.IO.Path.GetFileName(folder.Checkpoint)} to resume from");
    }

    private string File(string name) => System.IO.Path.Combine(Path, name);
}
