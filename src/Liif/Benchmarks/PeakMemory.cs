using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Benchmarks;

/// <summary>
/// Peak memory of one measured region: on CUDA, the caching allocator's peak; on the CPU, the process's peak
/// resident set (Linux VmHWM, reset through /proc/self/clear_refs before the region). Before the reset, glibc is
/// asked to hand freed heap pages back (<c>malloc_trim</c>); otherwise the memory an earlier region freed but glibc
/// kept would count as resident at the reset and set a floor under every later region's peak.
/// </summary>
public static class PeakMemory
{
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    public static void Reset(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize();
            return;
        }

        try
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: the peak below may then include memory freed but kept by the allocator.
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux or not permitted: the reading below is then the peak since start.
        }
    }

    /// <summary>Peak in MiB since <see cref="Reset"/>, or null where it cannot be read.</summary>
    public static double? ReadMiB(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            return null;
        }

        try
        {
            string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
