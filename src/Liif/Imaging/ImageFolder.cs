namespace Liif.Imaging;

/// <summary>
/// What counts as an image folder everywhere (upscale batches, evaluation datasets, training data): the image files
/// directly inside it, in ordinal name order, hidden files excluded; a folder with an <c>HR/</c> subfolder (the
/// benchmark and DIV2K layouts) stands for that subfolder.
/// </summary>
internal static class ImageFolder
{
    /// <summary>Extensions that <see cref="ImageFile.Load"/> reads.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".webp", ".gif"];

    public static string ExtensionList => string.Join(", ", Extensions);

    public static bool IsImageName(string path) =>
        !Path.GetFileName(path).StartsWith('.') && Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>The folder itself, or its <c>HR/</c> subfolder when it has one.</summary>
    public static string ResolveHr(string folder)
    {
        string hr = Path.Combine(folder, "HR");
        return Directory.Exists(hr) ? hr : folder;
    }

    /// <summary>The image files directly in <paramref name="folder"/>, sorted by name (possibly none).</summary>
    public static string[] List(string folder) => Directory.EnumerateFiles(folder)
        .Where(IsImageName)
        .OrderBy(Path.GetFileName, StringComparer.Ordinal)
        .ToArray();
}
