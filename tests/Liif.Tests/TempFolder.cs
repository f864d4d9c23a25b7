namespace Liif.Tests;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string? name = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"liif-tests-{Guid.NewGuid():N}");
        if (name is not null)
        {
            Path = System.IO.Path.Combine(Path, name);
        }

        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder (its last component is the name given, if any).</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>A path inside the folder (the same as the indexer).</summary>
    public string File(string name) => this[name];

    public void Dispose()
    {
        string root = Path;
        while (!System.IO.Path.GetFileName(root).StartsWith("liif-tests-", StringComparison.Ordinal))
        {
            root = System.IO.Path.GetDirectoryName(root)!;
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
