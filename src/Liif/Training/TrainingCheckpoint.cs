namespace Liif.Training;

/// <summary>
/// A run's resumable state in one safetensors file (<c>checkpoint.safetensors</c> in the run folder), written
/// atomically (<see cref="AtomicFile"/>: a kill at any moment leaves the previous checkpoint intact). Tensors: the
/// model's state dict under <c>model.*</c>; for every trained parameter, Adam's <c>optimizer.NAME.exp_avg</c>,
/// <c>optimizer.NAME.exp_avg_sq</c> and <c>optimizer.NAME.step</c> (int64 scalar); when the run keeps a moving
/// average of its weights (<c>ema_decay</c>), that average model's state dict under <c>average.*</c>. Metadata: format and version,
/// <c>state</c> (<see cref="TrainingCheckpointState"/> as JSON), <c>config</c> (the run's full YAML config) and
/// <c>spec</c> (the model spec JSON). Errors while restoring name the file by the path it was loaded from.
/// </summary>
internal sealed class TrainingCheckpoint(string path, TrainingCheckpointState state, string configYaml, ModelSpec spec,
    Dictionary<string, Tensor> tensors) : IDisposable
{
    public const string FormatName = "liif-training-checkpoint";
    public const int FormatVersion = 1;

    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optimizer.";
    private const string AveragePrefix = "average.";

    public TrainingCheckpointState State => state;

    public string ConfigYaml => configYaml;

    public ModelSpec Spec => spec;

    /// <summary>The model's state dict (CPU tensors).</summary>
    public IReadOnlyDictionary<string, Tensor> ModelState { get; } = Part(tensors, ModelPrefix);

    /// <summary>Adam's tensors by "NAME.exp_avg", "NAME.exp_avg_sq", "NAME.step" (CPU tensors).</summary>
    public IReadOnlyDictionary<string, Tensor> OptimizerState { get; } = Part(tensors, OptimizerPrefix);

    /// <summary>The weight average's state dict (CPU tensors); empty when the run keeps none.</summary>
    public IReadOnlyDictionary<string, Tensor> AverageState { get; } = Part(tensors, AveragePrefix);

    public static void Save(string path, TrainingCheckpointState state, string configYaml, ModelSpec spec, nn.Module model,
        FlatAdam optimizer, nn.Module? average = null)
    {
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> tensors = model.state_dict().ToDictionary(kv => ModelPrefix + kv.Key, kv => kv.Value);

        FlatParameters p = optimizer.Parameters;
        Tensor step = tensor(optimizer.Steps);
        for (int i = 0; i < p.Names.Count; i++)
        {
            string name = OptimizerPrefix + p.Names[i];
            tensors[name + ".exp_avg"] = p.Slice(optimizer.ExpAvg, i);
            tensors[name + ".exp_avg_sq"] = p.Slice(optimizer.ExpAvgSq, i);
            tensors[name + ".step"] = step;
        }

        foreach ((string key, Tensor t) in average?.state_dict() ?? [])
        {
            tensors[AveragePrefix + key] = t;
        }

        SafetensorsFile.Save(path, tensors, FormatName, FormatVersion, new Dictionary<string, string>
        {
            ["state"] = JsonSerializer.Serialize(state, TrainingCheckpointState.Json),
            ["config"] = configYaml,
            ["spec"] = spec.ToJson().ToJsonString(),
        });
    }

    /// <summary>Reads a checkpoint; anything unusable is a one-line <see cref="CheckpointException"/>.</summary>
    public static TrainingCheckpoint Load(string path)
    {
        string name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new CheckpointException($"no training checkpoint at '{path}'");
        }

        (Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) = SafetensorsFile.Read(
            InputFile.ReadAllBytes(path, message => new CheckpointException(message)), name, FormatName, FormatVersion, "checkpoint", $"'{name}' is not a liif training checkpoint");
        try
        {
            TrainingCheckpointState state =
                JsonSerializer.Deserialize<TrainingCheckpointState>(metadata["state"], TrainingCheckpointState.Json)
                ?? throw new CheckpointException($"'{name}' is corrupt (empty state)");
            ModelSpec spec = ModelSpec.FromJson(StrictJson.Parse(metadata["spec"]));
            return new TrainingCheckpoint(path, state, metadata["config"], spec, tensors);
        }
        catch (Exception e)
        {
            StateDictLoader.Dispose(tensors);

            if (e is JsonException or KeyNotFoundException or ModelSpecException)
            {
                throw new CheckpointException($"'{name}' is corrupt ({e.Message.Split('\n')[0]})", e);
            }

            throw;
        }
    }

    /// <summary>Copies the model weights into <paramref name="model"/> (checking every key and shape).</summary>
    public void RestoreModel(nn.Module model) => StateDictLoader.LoadStrict(model, ModelState, path);

    /// <summary>
    /// Copies Adam's moments and step count into a freshly made optimizer. Every parameter's step count must be the
    /// same (they step together; checkpoints of TorchSharp's Adam store one per parameter).
    /// </summary>
    public void RestoreOptimizer(FlatAdam optimizer)
    {
        FlatParameters p = optimizer.Parameters;
        var moments = new Dictionary<string, (Tensor ExpAvg, Tensor ExpAvgSq)>();
        var steps = new HashSet<long>();
        for (int i = 0; i < p.Names.Count; i++)
        {
            string name = p.Names[i];
            if (!OptimizerState.TryGetValue(name + ".exp_avg", out Tensor? expAvg)
                || !OptimizerState.TryGetValue(name + ".exp_avg_sq", out Tensor? expAvgSq)
                || !OptimizerState.TryGetValue(name + ".step", out Tensor? step))
            {
                throw new CheckpointException($"'{path}' has no optimizer state for parameter '{name}'");
            }

            if (!p.Shapes[i].SequenceEqual(expAvg.shape) || !p.Shapes[i].SequenceEqual(expAvgSq.shape))
            {
                throw new CheckpointException($"'{path}': optimizer state for '{name}' has another shape");
            }

            moments[name] = (expAvg, expAvgSq);
            steps.Add(step.item<long>());
        }

        if (OptimizerState.Count != p.Names.Count * 3)
        {
            throw new CheckpointException($"'{path}' holds optimizer state for {OptimizerState.Count / 3} parameters, the model trains {p.Names.Count}");
        }

        if (steps.Count != 1)
        {
            throw new CheckpointException($"'{path}': its parameters have different Adam step counts ({string.Join(", ", steps.Order())})");
        }

        optimizer.Restore(steps.Single(), moments);
    }

    /// <summary>Copies the weight average into <paramref name="average"/>; false when the checkpoint holds none.</summary>
    public bool RestoreAverage(nn.Module average)
    {
        if (AverageState.Count == 0)
        {
            return false;
        }

        StateDictLoader.LoadStrict(average, AverageState, path);
        return true;
    }

    public void Dispose()
    {
        StateDictLoader.Dispose(tensors);
    }

    /// <summary>The tensors under <paramref name="prefix"/>, by their names without it.</summary>
    private static Dictionary<string, Tensor> Part(Dictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
}
