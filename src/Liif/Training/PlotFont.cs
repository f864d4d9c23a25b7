using ScottPlot;

namespace Liif.Training;

/// <summary>
/// Gives ScottPlot a font file to draw text with. The SkiaSharp build used here (NativeAssets.Linux.NoDependencies)
/// has no fontconfig, so without a font file its text is invisible; this registers the first common sans-serif
/// TrueType file found (DejaVu, Liberation, Arial…) as ScottPlot's default font.
/// </summary>
internal static class PlotFont
{
    private const string Name = "LiifPlotSans";

    private static readonly string[] s_candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
        "/Library/Fonts/Arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        @"C:\Windows\Fonts\arial.ttf",
    ];

    private static readonly Lazy<bool> s_loaded = new(Load);

    /// <summary>Registers the font once; false when no font file was found (plots then have no text).</summary>
    public static bool EnsureLoaded() => s_loaded.Value;

    private static bool Load()
    {
        string? file = s_candidates.FirstOrDefault(File.Exists) ?? FindAnyTrueType("/usr/share/fonts");
        if (file is null)
        {
            return false;
        }

        // Titles and labels are bold: register a bold face too (the regular file when there is no bold one beside it).
        string bold = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file).Replace("-Regular", "") + "-Bold.ttf");
        Fonts.AddFontFile(Name, file, bold: false, italic: false);
        Fonts.AddFontFile(Name, File.Exists(bold) ? bold : file, bold: true, italic: false);
        Fonts.Default = Name;
        return true;
    }

    private static string? FindAnyTrueType(string folder)
    {
        try
        {
            return Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.ttf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault()
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
