namespace Liif.Cli;

/// <summary>One line on where a model file's weights came from (its provenance), for reports.</summary>
internal static class ModelDescription
{
    public static string Of(string path)
    {
        string name = Path.GetFileName(path);
        if (!path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            return $"{name} (official PyTorch checkpoint)";
        }

        ModelProvenance p = ModelFile.ReadHeader(path).Provenance;
        string[] parts = new[]
        {
            p.TrainingData is null ? null : $"trained on {p.TrainingData}",
            p.Iterations is long it ? string.Create(CultureInfo.InvariantCulture, $"{it:N0} iterations") : null,
            p.TrainingMinutes is double m ? string.Create(CultureInfo.InvariantCulture, $"{m:0.#} min") : null,
            p.Device is null ? null : $"on {p.Device}",
        }.OfType<string>().ToArray();

        string source = p.Source is null ? "" : $" ({p.Source})";
        return parts.Length == 0 ? $"{name}{source}" : $"{name}{source}: {string.Join(", ", parts)}" + (p.Notes is null ? "" : $". {p.Notes}");
    }
}
