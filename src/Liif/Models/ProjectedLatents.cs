using static TorchSharp.torch;

namespace Liif.Models;

/// <summary>
/// Latent codes after the feature part of the MLP's first layer (see <see cref="LiifModel.ProjectLatents"/>):
/// (Batch·Window.Height·Window.Width)×hidden, row-major over the window.
/// </summary>
public sealed class ProjectedLatents(Tensor values, long batch, LatentWindow window) : IDisposable
{
    public Tensor Values { get; } = values;

    public long Batch { get; } = batch;

    public LatentWindow Window { get; } = window;

    public void Dispose() => Values.Dispose();
}
