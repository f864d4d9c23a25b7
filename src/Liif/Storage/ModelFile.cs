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

    private const string FormatKey = "format";
    private const string VersionKey = "format_version";
    private const string SpecKey = "spec";
    private const string DataNormKey = "data_norm";
    private const string ProvenanceKey = "provenance";

    public static void Save(string path, ModelSpec spec, nn.Module module, DataNormalization dataNorm, ModelProvenance provenance)
    {
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatName,
            [VersionKey] = FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SpecKey] = spec.ToJson().ToJsonString(),
            [DataNormKey] = dataNorm.ToJson().ToJsonString(),
            [ProvenanceKey] = provenance.ToJson(),
        };
        Dictionary<string, Tensor> state = module.state_dict();
        AtomicFile.Write(path, stream => SafetensorsFile.Write(stream, state, metadata));
    }

    /// <summary>Reads spec, data normalisation, provenance and weights without building the module.</summary>
    public static (ModelSpec Spec, DataNormalization DataNorm, ModelProvenance Provenance, Dictionary<string, Tensor> State) Read(string path)
    {
        (Dictionary<string, Tensor> state, Dictionary<string, string> metadata) = SafetensorsFile.Read(path);
        string name = Path.GetFileName(path);
        if (!metadata.TryGetValue(FormatKey, out string? format) || format != FormatName)
        {
            throw new CheckpointException($"'{name}' is a safetensors file but not a liif model file (no '{FormatKey}: {FormatName}' metadata)");
        }

        if (!metadata.TryGetValue(VersionKey, out string? version) || !int.TryParse(version, out int v) || v > FormatVersion)
        {
            throw new CheckpointException($"'{name}' has model format version {version ?? "?"}; this liif reads up to {FormatVersion}");
        }

        try
        {
            ModelSpec spec = ModelSpec.FromJson(JsonNode.Parse(metadata[SpecKey]));
            DataNormalization norm = metadata.TryGetValue(DataNormKey, out string? n) ? DataNormalization.FromJson(JsonNode.Parse(n)!) : DataNormalization.Default;
            ModelProvenance provenance = metadata.TryGetValue(ProvenanceKey, out string? p) ? ModelProvenance.FromJson(p) : new ModelProvenance();
            return (spec, norm, provenance, state);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or ModelSpecException or FormatException or InvalidOperationException)
        {
            throw new CheckpointException($"'{name}' is corrupt (bad model spec or data_norm: {e.Message})", e);
        }
    }
}
