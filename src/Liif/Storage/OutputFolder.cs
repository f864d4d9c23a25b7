namespace Liif.Storage;

/// <summary>
/// Readies a folder for a command's outputs before any work: it exists (or is created), it can be written (a probe
/// file is created and deleted, since permission bits do not tell about read-only mounts or ACLs), and temporary
/// files that a killed earlier run left in it are removed (<see cref="AtomicFile.RemoveStale"/>).
/// </summary>
internal static class OutputFolder
{
    /// <param name="folder">The folder; "" is the current one.</param>
    /// <param name="create">Create it (and its parents) when missing, rather than fail.</param>
    /// <returns>The names of the stale temporary files removed.</returns>
    public static IReadOnlyList<string> Prepare(string folder, bool create)
    {
        string shown = folder.Length == 0 ? "." : folder;
        string full = Path.GetFullPath(shown);
        if (File.Exists(full))
        {
            throw new LiifException($"output folder '{shown}' is a file");
        }

        if (!Directory.Exists(full))
        {
            if (!create)
            {
                throw new LiifException($"output folder '{shown}' does not exist");
            }

            try
            {
                Directory.CreateDirectory(full);
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
            throw new LiifException($"cannot write to output folder '{shown}': {e.Message}", e);
        }

        return AtomicFile.RemoveStale(full);
    }

    /// <summary><see cref="Prepare"/> for the folder of an output file, which must exist.</summary>
    public static IReadOnlyList<string> PrepareFor(string file) => Prepare(Path.GetDirectoryName(file) ?? "", create: false);
}
