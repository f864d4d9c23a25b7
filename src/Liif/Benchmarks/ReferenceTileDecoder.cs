namespace Liif.Benchmarks;

/// <summary>
/// The official <c>query_rgb</c> (<see cref="LiifModel.QueryRgbReference"/>) as the upscaler's decoder, for tests and
/// <c>bench</c>. It decodes whole latent grids only: give the upscaler a tile size of at least the image's side.
/// </summary>
internal sealed class ReferenceTileDecoder(LiifModel model, Tensor feat) : ITileDecoder
{
    private readonly Tensor _feat = feat.alias().DetachFromDisposeScope();

    /// <summary>The decoder factory to give <see cref="Inference.TiledLiifUpscaler"/>.</summary>
    public static Func<Tensor, LatentWindow, LatentWindow, ITileDecoder> For(LiifModel model) => (feat, featWindow, _) =>
        featWindow.Height == featWindow.GridHeight && featWindow.Width == featWindow.GridWidth
            ? new ReferenceTileDecoder(model, feat)
            : throw new InvalidOperationException("the reference decoder decodes whole images: use a tile size of at least the image's side");

    public Tensor QueryRgb(Tensor coord, Tensor? cell) => model.QueryRgbReference(_feat, coord, cell);

    public void Dispose() => _feat.Dispose();
}
