namespace Liif.Storage;

/// <summary>
/// Reads a file that a user named (an image, a model file, a checkpoint, a config) whole, refusing one that is a
/// device, pipe or socket before opening it (<see cref="FileKind"/>). Every failure is one line, made into the
/// caller's exception by <c>error</c>; whether the file exists is for the caller to say in its own words first.
/// </summary>
internal static class InputFile
{
    public static byte[] ReadAllBytes(string path, Func<string, Exception> error)
    {
        Check(path, error);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw error($"cannot read '{path}': {e.Message}");
        }
    }

    /// <summary>Refuses a device, pipe or socket, for a reader that opens the file itself (the PyTorch unpickler).</summary>
    public static void Check(string path, Func<string, Exception> error)
    {
        if (FileKind.IsDevicePipeOrSocket(Path.GetFullPath(path)))
        {
            throw error($"cannot read '{path}': it is a device, pipe or socket, not a file");
        }
    }

    /// <summary>The file as text, its encoding told by a byte-order mark as <see cref="File.ReadAllText(string)"/> tells it (UTF-8 without one).</summary>
    public static string ReadAllText(string path, Func<string, Exception> error)
    {
        using var reader = new StreamReader(new MemoryStream(ReadAllBytes(path, error)), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
