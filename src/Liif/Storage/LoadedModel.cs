namespace Liif.Storage;

/// <summary>A model built from a file, with the spec it was built from, the data normalisation it decodes with and where its weights came from.</summary>
internal sealed record LoadedModel(ModelSpec Spec, nn.Module Module, DataNormalization DataNorm, ModelProvenance Provenance, string Path) : IDisposable
{
    public void Dispose() => Module.Dispose();
}
