namespace Liif.Cli;

/// <summary>Expands the INPUT arguments (files or folders of images) into a list of image files.</summary>
internal static class ImageInputs
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                string[] images = ImageFolder.List(input);
                if (images.Length == 0)
                {
                    throw new UsageException($"folder '{input}' holds no images ({ImageFolder.ExtensionList})");
                }

                files.AddRange(images);
            }
            else
            {
                // A missing or unreadable file is reported when it is read, one line for each.
                files.Add(input);
            }
        }

        return files;
    }
}
