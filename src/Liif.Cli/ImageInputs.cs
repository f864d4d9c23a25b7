namespace Liif.Cli;

/// <summary>Expands the INPUT arguments (files or folders of images) into a list of image files.</summary>
internal static class ImageInputs
{
    /// <summary>A file stays as given: a missing or unreadable one is reported when read, one line each.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs) => inputs
        .SelectMany(input => !Directory.Exists(input) ? [input]
            : ImageFolder.List(input) is { Length: > 0 } images ? images
            : throw new UsageException($"folder '{input}' holds no images ({ImageFolder.ExtensionList})"))
        .ToArray();
}
