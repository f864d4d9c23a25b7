namespace Liif.Cli;

/// <summary>
/// Readies a folder for a command's outputs before any work: it exists (or is created), it can be written (a probe
/// file is created and deleted, since permission bits do not tell about read-only mounts or ACLs), and temporary
/// files that a killed earlier run left in it are removed (<see cref="AtomicFile.RemoveStale"/>), each with a note.
/// A command disposes the <see cref="CreatedFolders"/> it gets when it ends, so that a failed one leaves no empty
/// folder behind.
/// </summary>
internal static class OutputFolders
{
    /// <param name="folder">The folder; "" is the current one.</param>
    /// <param name="create">Create it (and its parents) when missing, rather than fail.</param>
    /// <returns>The folders created, removed again on disposal while they are empty.</returns>
    public static CreatedFolders Prepare(string folder, bool create)
    {
        string shown = folder.Length == 0 ? "." : folder;
        string full = Path.GetFullPath(shown);
        if (File.Exists(full))
        {
            throw new LiifException($"output folder '{shown}' is a file");
        }

        CreatedFolders made = CreatedFolders.None;
        if (!Directory.Exists(full))
        {
            if (!create)
            {
                throw new LiifException($"output folder '{shown}' does not exist");
            }

            try
            {
                made = CreatedFolders.Create(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new LiifException($"cannot create output folder '{shown}': {e.Message}", e);
            }
        }

        string probe = Path.Combine(full, $".liif-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            made.Dispose();
            throw new LiifException($"cannot write to output folder '{shown}': {e.Message}", e);
        }

        foreach (string name in AtomicFile.RemoveStale(full))
        {
            Console.Error.WriteLine($"note: removed {name}, a temporary file left by an interrupted run");
        }

        return made;
    }

    /// <summary><see cref="Prepare"/> for the folder of an output file, which must exist (so nothing is created).</summary>
    public static void PrepareFor(string file)
    {
        Prepare(Path.GetDirectoryName(file) ?? "", create: false).Dispose();
        AtomicFile.CheckTarget(file);
    }
}
