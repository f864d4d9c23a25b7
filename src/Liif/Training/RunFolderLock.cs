namespace Liif.Training;

/// <summary>
/// One training run at a time in a run folder: two runs in one folder (a second <c>liif train --out</c> of the same
/// name, or <c>--resume</c> of a run still training) would interleave their log rows and overwrite each other's
/// checkpoints. The lock is an exclusive open of <c>.liif-train.lock</c> (FileShare.None, which .NET holds as an
/// advisory flock on Linux and macOS, released by the system even when the process is killed); the file goes when
/// the lock does.
/// </summary>
internal sealed class RunFolderLock : IDisposable
{
    private const string FileName = ".liif-train.lock";

    private readonly FileStream _file;

    private RunFolderLock(FileStream file) => _file = file;

    public static RunFolderLock Take(RunFolder folder)
    {
        try
        {
            return new RunFolderLock(new FileStream(Path.Combine(folder.Path, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite,
                FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (IOException e)
        {
            throw new CheckpointException($"run folder '{folder.Path}' is in use by another liif train: wait for it to end, or choose another --out", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
