namespace Liif.Tests.Storage;

/// <summary><see cref="CreatedFolders"/>: the folders a command made go again while empty, and only those.</summary>
public sealed class CreatedFoldersTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Created_folders_go_again_while_empty_and_stay_once_they_hold_something()
    {
        string deep = _temp.File("a/b/c");
        CreatedFolders.Create(deep + "/").Dispose();
        Assert.False(Directory.Exists(_temp.File("a")));
        Assert.True(Directory.Exists(_temp.Path));

        using (CreatedFolders.Create(deep))
        {
            File.WriteAllText(Path.Combine(deep, "out.png"), "x");
        }

        Assert.True(File.Exists(Path.Combine(deep, "out.png")));

        // A parent that was there already is never removed; nor is a sibling's folder made meanwhile.
        string there = _temp.Folder("there");
        using (CreatedFolders.Create(Path.Combine(there, "x/y")))
        {
            Directory.CreateDirectory(Path.Combine(there, "x/other"));
        }

        Assert.False(Directory.Exists(Path.Combine(there, "x/y")));
        Assert.True(Directory.Exists(Path.Combine(there, "x/other")));
    }
}
