namespace Liif.Models;

/// <summary>
/// A rectangle of latent codes (rows Top..Top+Height, columns Left..Left+Width) inside the whole
/// GridHeight×GridWidth latent grid of an image: what part of the grid a (tiled) tensor holds.
/// </summary>
internal sealed record LatentWindow(long GridHeight, long GridWidth, long Top, long Left, long Height, long Width)
{
    public static LatentWindow Whole(long height, long width) => new(height, width, 0, 0, height, width);

    public long Bottom => Top + Height;

    public long Right => Left + Width;

    /// <summary>This window grown by <paramref name="margin"/> codes on every side, within the grid.</summary>
    public LatentWindow Grow(long margin)
    {
        long top = Math.Max(0, Top - margin), left = Math.Max(0, Left - margin);
        long bottom = Math.Min(GridHeight, Bottom + margin), right = Math.Min(GridWidth, Right + margin);
        return this with { Top = top, Left = left, Height = bottom - top, Width = right - left };
    }
}
