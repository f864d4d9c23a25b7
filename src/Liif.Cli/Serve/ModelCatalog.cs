namespace Liif.Cli.Serve;

/// <summary>
/// The models a server offers, opened once at start: the default (the first), then the others. Requests name a model
/// by its id only, so no path from a request ever reaches the file system.
/// </summary>
internal sealed class ModelCatalog(IReadOnlyList<ServedModel> models)
{
    /// <summary>The fixed-scale baselines in models/ that <c>liif serve</c> offers beside its default model.</summary>
    public static readonly IReadOnlyList<string> ShippedBaselines = ["srcnn_x4.safetensors", "srresnet_x4.safetensors", "srgan_x4.safetensors"];

    public IReadOnlyList<ServedModel> Models { get; } = models;

    public ServedModel Default => Models[0];

    /// <summary>Opens <paramref name="models"/> (files or <c>bicubic</c>); the first is the default; repeated ids are left out.</summary>
    public static ModelCatalog Open(IEnumerable<string> models, Func<string, IUpscaler> open)
    {
        var served = new List<ServedModel>();
        foreach (string model in models)
        {
            string id = IdOf(model);
            if (served.All(m => m.Id != id))
            {
                served.Add(new ServedModel(id, ComparisonMethodList.OpenOne(null, model, open)));
            }
        }

        return served.Count > 0 ? new ModelCatalog(served) : throw new ArgumentException("a server needs at least one model", nameof(models));
    }

    /// <summary>The default model, bicubic, and the shipped baselines found in models/.</summary>
    public static IReadOnlyList<string> WithBaselines(string defaultModel) =>
        [defaultModel, UpscalerFactory.Bicubic, .. ShippedBaselines.Select(DefaultModel.FindInModels).OfType<string>()];

    /// <summary>The model a request names (null or empty: the default).</summary>
    public ServedModel Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return Default;
        }

        return Models.FirstOrDefault(m => string.Equals(m.Id, id.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"unknown model '{id}' (use one of: {string.Join(", ", Models.Select(m => m.Id))})");
    }

    private static string IdOf(string model) => string.Equals(model, UpscalerFactory.Bicubic, StringComparison.OrdinalIgnoreCase)
        ? UpscalerFactory.Bicubic
        : Path.GetFileNameWithoutExtension(model);
}
