namespace Liif.Models;

/// <summary>
/// Latent codes after the feature part of the MLP's first layer (see <see cref="LiifModel.ProjectLatents"/>):
/// Values is (Batch·Window.Height·Window.Width)×hidden, row-major over the window. It owns Values.
/// </summary>
internal sealed class ProjectedLatents(LiifModel model, Tensor values, long batch, LatentWindow window) : ITileDecoder
{
    public Tensor Values { get; } = values;

    public long Batch { get; } = batch;

    public LatentWindow Window { get; } = window;

    public Tensor QueryRgb(Tensor coord, Tensor? cell) => model.QueryRgb(this, coord, cell);

    public void Dispose() => Values.Dispose();
}
