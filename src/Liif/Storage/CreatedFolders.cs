namespace Liif.Storage;

/// <summary>
/// The folders made for a command's outputs: <see cref="Create"/> makes a folder and whichever of its parents are
/// missing, and <see cref="Dispose"/> removes again those of them that are still empty, deepest first. So a command
/// that fails before it writes anything leaves no empty folder behind, while one that wrote its outputs (or found
/// somebody else's file there) keeps them.
/// </summary>
internal sealed class CreatedFolders : IDisposable
{
    private readonly List<string> _made;

    private CreatedFolders(List<string> made) => _made = made;

    /// <summary>Nothing made: the folder was there already.</summary>
    public static CreatedFolders None => new([]);

    /// <summary>Creates <paramref name="path"/> and its missing parents (<see cref="Directory.CreateDirectory(string)"/>'s exceptions).</summary>
    public static CreatedFolders Create(string path)
    {
        var missing = new List<string>();
        for (string? folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
             folder is not null && !Directory.Exists(folder);
             folder = Path.GetDirectoryName(folder))
        {
            missing.Add(folder);
        }

        Directory.CreateDirectory(path);
        return new CreatedFolders(missing);
    }

    public void Dispose()
    {
        foreach (string folder in _made)
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    return;
                }

                Directory.Delete(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return; // gone already, or not ours to remove: the folders above it stay too
            }
        }

        _made.Clear();
    }
}
