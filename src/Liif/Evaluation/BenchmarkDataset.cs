namespace Liif.Evaluation;

/// <summary>
/// A benchmark set: a folder of HR images, or a folder with an <c>HR/</c> subfolder (as Set5/HR), its images
/// sorted by file name. Named after the folder, or after its parent when the folder itself is <c>HR</c>.
/// </summary>
/// <param name="Name">The dataset's name for tables: "Set5" for both <c>Set5</c> and <c>Set5/HR</c>.</param>
/// <param name="Folder">The folder the images are read from (full path).</param>
/// <param name="Files">The image files, full paths, in ordinal order of their names.</param>
internal sealed record BenchmarkDataset(string Name, string Folder, IReadOnlyList<string> Files)
{
    /// <summary>
    /// Lists the images of <paramref name="path"/>. A missing folder, or one without image files, is a <see cref="LiifException"/> with a one-line message.
    /// </summary>
    public static BenchmarkDataset Open(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (!Directory.Exists(full))
        {
            throw new LiifException($"dataset folder '{path}' not found");
        }

        string folder = ImageFolder.ResolveHr(full);

        string name = string.Equals(Path.GetFileName(full), "HR", StringComparison.OrdinalIgnoreCase)
            && Path.GetFileName(Path.GetDirectoryName(full)) is { Length: > 0 } parent
            ? parent
            : Path.GetFileName(full);
        string[] files = ImageFolder.List(folder);
        if (files.Length == 0)
        {
            throw new LiifException(
                $"dataset folder '{path}' holds no images ({ImageFolder.ExtensionList})");
        }

        return new BenchmarkDataset(name.Length > 0 ? name : full, folder, files);
    }

    /// <summary>
    /// Reads the first <paramref name="limit"/> images (all when null) in order, with their file names, as RGB
    /// (gray is replicated, alpha dropped). An unreadable file is passed to <paramref name="onSkipped"/> and left
    /// out, or, with <paramref name="strict"/>, its <see cref="ImageFormatException"/> propagates.
    /// </summary>
    public IEnumerable<(string Name, ImageU8 Rgb)> Read(int? limit = null, bool strict = false,
        Action<SkippedImage>? onSkipped = null)
    {
        if (limit is < 1)
        {
            throw new ArgumentException($"limit must be at least 1 (got {limit})");
        }

        foreach (string file in Files.Take(limit ?? int.MaxValue))
        {
            ImageU8 image;
            try
            {
                image = ImageFile.Load(file);
            }
            catch (ImageFormatException e) when (!strict)
            {
                onSkipped?.Invoke(new SkippedImage(Path.GetFileName(file), e.Message));
                continue;
            }

            yield return (Path.GetFileName(file), image.ToRgb());
        }
    }
}
