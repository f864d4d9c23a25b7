using SkiaSharp;

namespace Liif.Comparison;

/// <summary>
/// The typefaces of the figures. SkiaSharp's Linux "NoDependencies" build has no fontconfig, so family names may not
/// resolve: known font files are tried first ($LIIF_FONT, then DejaVu Sans, Liberation Sans, Noto Sans on Debian),
/// then the family "sans-serif", and <see cref="SKTypeface.Default"/> when nothing else has glyphs.
/// </summary>
internal static class FigureFonts
{
    private static readonly string[] s_regularFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ];

    private static readonly string[] s_boldFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    ];

    private static readonly Lazy<SKTypeface> s_regular = new(() => Resolve(s_regularFiles, SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> s_bold = new(() => Resolve(s_boldFiles, SKFontStyle.Bold));

    public static SKTypeface Regular => s_regular.Value;

    public static SKTypeface Bold => s_bold.Value;

    private static SKTypeface Resolve(IEnumerable<string> files, SKFontStyle style)
    {
        string? custom = Environment.GetEnvironmentVariable("LIIF_FONT");
        foreach (string file in (custom is { Length: > 0 } ? [custom] : Array.Empty<string>()).Concat(files))
        {
            if (File.Exists(file) && SKTypeface.FromFile(file) is SKTypeface t && t.GlyphCount > 0)
            {
                return t;
            }
        }

        if (SKTypeface.FromFamilyName("sans-serif", style) is SKTypeface family && family.GlyphCount > 0)
        {
            return family;
        }

        return SKTypeface.Default;
    }
}
