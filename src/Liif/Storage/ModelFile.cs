namespace Liif.Storage;

/// <summary>
/// Our model file: a safetensors file whose metadata holds the format version, the model spec (architecture and
/// arguments, as the official configs write them), the data normalisation it was trained with (the config's
/// <c>data_norm</c>; version 1 files have none and mean 0.5 / 0.5) and the training provenance. Nothing in it is
/// executed on load.
/// </summary>
internal static class ModelFile
{
    public const string FormatName = "liif-model";
    public const int FormatVersion = 2;

    public static void Save(string path, ModelSpec spec, nn.Module module, DataNormalization dataNorm, ModelProvenance provenance) =>
        SafetensorsFile.Save(path, module.state_dict(), FormatName, FormatVersion, new Dictionary<string, string>
        {
            ["spec"] = spec.ToJson().ToJsonString(),
            ["data_norm"] = dataNorm.ToJson().ToJsonString(),
            ["provenance"] = provenance.ToJson(),
        });

    /// <summary>Reads spec, data normalisation, provenance and weights from a file's bytes, without building the module.</summary>
    public static (ModelSpec Spec, DataNormalization DataNorm, ModelProvenance Provenance, Dictionary<string, Tensor> State) Read(
        byte[] file, string name)
    {
        (Dictionary<string, Tensor> state, Dictionary<string, string> metadata) =
            SafetensorsFile.Read(file, name, FormatName, FormatVersion, "model", NotThisFormat(name));
        (ModelSpec spec, DataNormalization norm, ModelProvenance provenance) = Describe(metadata, name);
        return (spec, norm, provenance, state);
    }

    /// <summary>Reads spec, data normalisation and provenance from a model file's header alone, not its weights.</summary>
    public static (ModelSpec Spec, DataNormalization DataNorm, ModelProvenance Provenance) ReadHeader(string path)
    {
        string name = Path.GetFileName(path);
        return Describe(SafetensorsFile.ReadMetadata(path, FormatName, FormatVersion, "model", NotThisFormat(name)), name);
    }

    private static string NotThisFormat(string name) =>
        $"'{name}' is a safetensors file but not a liif model file (no 'format: {FormatName}' metadata)";

    private static (ModelSpec Spec, DataNormalization DataNorm, ModelProvenance Provenance) Describe(
        Dictionary<string, string> metadata, string name)
    {
        try
        {
            ModelSpec spec = ModelSpec.FromJson(StrictJson.Parse(metadata["spec"]));
            DataNormalization norm = metadata.TryGetValue("data_norm", out string? n) ? DataNormalization.FromJson(StrictJson.Parse(n)!) : DataNormalization.Default;
            ModelProvenance provenance = metadata.TryGetValue("provenance", out string? p) ? ModelProvenance.FromJson(p) : new ModelProvenance();
            return (spec, norm, provenance);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or ModelSpecException or FormatException or InvalidOperationException)
        {
            throw new CheckpointException($"'{name}' is corrupt (bad model spec or data_norm: {e.Message})", e);
        }
    }
}
