namespace Liif.Models;

/// <summary>
/// Decodes RGB at query points from the latent codes of one LR tile. The upscaler decodes with
/// <see cref="ProjectedLatents"/> (the fast path); tests and <c>bench</c> give it the official <c>query_rgb</c> instead
/// to compare the two on the same tiles and chunks. A tile decoder owns the tensors it keeps.
/// </summary>
internal interface ITileDecoder : IDisposable
{
    /// <summary>coord, cell: B×Q×2 in the whole image's [-1, 1] domain → RGB B×Q×3, normalised as the model's output.</summary>
    Tensor QueryRgb(Tensor coord, Tensor? cell);
}
