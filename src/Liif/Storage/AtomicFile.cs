namespace Liif.Storage;

/// <summary>
/// Writes a file so that readers only ever see the old or the complete new content: write a temporary file in the
/// same folder, flush it to disk, then rename it over the target. A crash (even SIGKILL) mid-write leaves the old
/// file intact; a failure deletes the temporary file. A folder that cannot be written is a <see cref="LiifException"/>.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new LiifException($"output folder '{Path.GetDirectoryName(path)}' does not exist");
        }

        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new LiifException($"cannot write '{path}': {e.Message}", e);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
