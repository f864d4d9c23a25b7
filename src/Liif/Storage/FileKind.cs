using System.Runtime.InteropServices;

namespace Liif.Storage;

/// <summary>
/// Tells a device, pipe or socket from a file or folder (links followed). Inputs and outputs that are one are refused:
/// <c>/dev/zero</c> as an input would be read until memory ran out, a pipe would block until its writer closed it, and
/// an output renamed over a device would replace it with a plain file (<see cref="AtomicFile"/>, <see cref="InputFile"/>).
/// </summary>
internal static class FileKind
{
    /// <summary>
    /// The file type from Linux's statx, whose layout (stx_mode at byte 28) is the same on every architecture;
    /// .NET itself tells a device from a file by neither its attributes nor its <see cref="UnixFileMode"/>.
    /// </summary>
    public static bool IsDevicePipeOrSocket(string path)
    {
        const int AtCurrentFolder = -100, StatxType = 1, TypeBits = 0xF000, RegularFile = 0x8000, Folder = 0x4000;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        byte[] status = new byte[256];
        try
        {
            if (Statx(AtCurrentFolder, path, 0, StatxType, status) != 0)
            {
                return false;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without statx (glibc before 2.28, musl before 1.2.5): taken for a file, as .NET takes it.
            return false;
        }

        int type = BitConverter.ToUInt16(status, 28) & TypeBits;
        return type is not (RegularFile or Folder);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int folderFd, string path, int flags, uint mask, [Out] byte[] status);
}
