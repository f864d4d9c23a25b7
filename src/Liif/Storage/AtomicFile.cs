using System.Text.RegularExpressions;

namespace Liif.Storage;

/// <summary>
/// Writes a file so that readers only ever see the old or the complete new content: write a temporary file in the
/// same folder (<c>.NAME.tmp-PID-GUID</c>), flush it to disk, then rename it over the target. A failure or a stop
/// request deletes the temporary file; a SIGKILL mid-write leaves the old file intact and the temporary file behind,
/// for <see cref="RemoveStale"/> to delete on the next run into that folder (its writer's process id is gone). A
/// folder that cannot be written is a <see cref="LiifException"/>, and so is a target that is a device, pipe or socket
/// (<c>--json /dev/null</c>): the rename would replace it with a plain file, and as root even in <c>/dev</c>.
/// </summary>
internal static partial class AtomicFile
{
    /// <summary>Bytes written between two looks at the stop request.</summary>
    private const int WriteChunk = 4 << 20;

    public static void Write(string path, ReadOnlyMemory<byte> bytes, CancellationToken stop = default) => Write(path, stream =>
    {
        for (int offset = 0; offset < bytes.Length; offset += WriteChunk)
        {
            stop.ThrowIfCancellationRequested();
            stream.Write(bytes.Span.Slice(offset, Math.Min(WriteChunk, bytes.Length - offset)));
        }
    }, stop);

    public static void Write(string path, Action<Stream> write, CancellationToken stop = default)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            string shown = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : folder;
            throw new LiifException($"output folder '{shown}' does not exist");
        }

        CheckTarget(path);
        stop.ThrowIfCancellationRequested();
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            stop.ThrowIfCancellationRequested();
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

    /// <summary>Refuses a target that exists and is neither a file nor a folder (links followed): see the class summary.</summary>
    public static void CheckTarget(string path)
    {
        if (FileKind.IsDevicePipeOrSocket(Path.GetFullPath(path)))
        {
            throw new LiifException($"cannot write '{path}': it is a device, pipe or socket, not a file");
        }
    }

    /// <summary>
    /// Deletes the temporary files in <paramref name="folder"/> whose writing process is gone (killed mid-write), and
    /// returns their names. Those of a running process (another write into the same folder) are left alone.
    /// </summary>
    public static IReadOnlyList<string> RemoveStale(string folder)
    {
        var removed = new List<string>();
        if (!Directory.Exists(folder))
        {
            return removed;
        }

        foreach (string file in Directory.EnumerateFiles(folder, ".*.tmp-*"))
        {
            if (TempName().Match(Path.GetFileName(file)) is { Success: true } m
                && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !IsRunning(pid))
            {
                try
                {
                    File.Delete(file);
                    removed.Add(Path.GetFileName(file));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Not ours to delete after all (another user's folder): leave it.
                }
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\..+\.tmp-(\d+)-[0-9a-f]{32}$")]
    private static partial Regex TempName();
}
