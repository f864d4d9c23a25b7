using System.Runtime.InteropServices;

namespace Liif.Benchmarks;

/// <summary>
/// Peak memory of one measured region. On CUDA: the device memory the region added (driver reading after the
/// region minus before it). libtorch's caching allocator keeps every block it has taken until it is emptied, so
/// what it holds after the region is what it needed at the region's peak; to empty it first (TorchSharp has no
/// <c>torch.cuda.empty_cache</c>), <see cref="Reset"/> asks for more memory than the card has, and the
/// allocator, before it gives up, frees all its cached blocks. On the CPU: the process's peak
/// resident set (Linux VmHWM, reset through /proc/self/clear_refs before the region). Before the reset, glibc is
/// asked to hand freed heap pages back (<c>malloc_trim</c>); otherwise the memory an earlier region freed but glibc
/// kept would count as resident at the reset and set a floor under every later region's peak.
/// </summary>
internal static class PeakMemory
{
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    private static long? s_cudaBaseline;

    public static void Reset(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            ReleaseCudaCache(device);
            s_cudaBaseline = CudaDriverMemory.Read(device)?.Used;
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
            cuda.synchronize();
            long? used = CudaDriverMemory.Read(device)?.Used;
            return used is long u && s_cudaBaseline is long b ? (u - b) / (1024.0 * 1024.0) : null;
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

    private static void ReleaseCudaCache(Device device)
    {
        cuda.synchronize();
        GC.Collect();
        GC.WaitForPendingFinalizers();   // tensors only the garbage collector still holds
        long total = CudaDriverMemory.Read(device)?.Total ?? (1L << 40);
        try
        {
            using Tensor tooLarge = empty(total + (1L << 30), dtype: ScalarType.Byte, device: device);
        }
        catch (Exception)
        {
            // Expected: the allocator released its cache, then failed.
        }

        cuda.synchronize();
    }
}
