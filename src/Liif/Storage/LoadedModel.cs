using Liif.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Storage;

/// <summary>A model built from a file, with the spec it was built from and where its weights came from.</summary>
public sealed record LoadedModel(ModelSpec Spec, nn.Module Module, ModelProvenance Provenance, string Path) : IDisposable
{
    public void Dispose() => Module.Dispose();
}
