using System.IO.Compression;
using System.IO.Hashing;

namespace Liif.Interop;

/// <summary>
/// Checks every entry of a zip archive (a PyTorch file) against the CRC-32 that the archive records for it.
/// <see cref="ZipArchive"/> does not check stored (uncompressed) entries, which is how PyTorch writes tensors, so a
/// checkpoint with flipped weight bytes would otherwise load and upscale with wrong weights without a word.
/// </summary>
internal static class ZipCrcCheck
{
    /// <summary>Throws <see cref="InvalidDataException"/> naming the first entry whose content does not match its CRC-32.</summary>
    public static void Verify(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        var crc = new Crc32();
        byte[] buffer = new byte[1 << 20];
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            crc.Reset();
            using (Stream content = entry.Open())
            {
                for (int n; (n = content.Read(buffer)) > 0;)
                {
                    crc.Append(buffer.AsSpan(0, n));
                }
            }

            if (crc.GetCurrentHashAsUInt32() != entry.Crc32)
            {
                throw new InvalidDataException($"entry '{entry.FullName}' fails its CRC-32 check");
            }
        }
    }
}
