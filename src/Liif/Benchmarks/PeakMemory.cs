using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Benchmarks;

/// <summary>
/// Peak memory of one measured region: on CUDA, the caching allocator's peak; on the CPU, the process's peak
/// resident set (Linux VmHWM, reset through /proc/self/clear_refs before the region).
/// </summary>
public static class PeakMemory
{
    public static void Reset(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize();
            return;
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
