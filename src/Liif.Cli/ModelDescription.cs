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

        (_, _, ModelProvenance p, Dictionary<string, TorchSharp.torch.Tensor> state) = ModelFile.Read(path);
        foreach (TorchSharp.torch.Tensor t in state.Values)
        {
            t.Dispose();
        }

        var parts = new List<string>();
        if (p.TrainingData is not null)
        {
            parts.Add($"trained on {p.TrainingData}");
        }

        if (p.Iterations is long it)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{it:N0} iterations"));
        }

        if (p.TrainingMinutes is double m)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{m:0.#} min"));
        }

        if (p.Device is not null)
        {
            parts.Add($"on {p.Device}");
        }

        string source = p.Source is null ? "" : $" ({p.Source})";
        return parts.Count == 0 ? $"{name}{source}" : $"{name}{source}: {string.Join(", ", parts)}" + (p.Notes is null ? "" : $". {p.Notes}");
    }
}
