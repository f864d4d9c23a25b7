namespace Liif.Imaging;

/// <summary>Pixel counts in messages: "12.5 MP", or enough decimals that a small limit never reads "0 MP".</summary>
internal static class Megapixels
{
    public static string Format(long pixels) =>
        (pixels / 1e6).ToString(pixels >= 100_000 ? "0.#" : "0.######", CultureInfo.InvariantCulture) + " MP";
}
