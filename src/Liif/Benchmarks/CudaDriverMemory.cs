using System.Runtime.InteropServices;

namespace Liif.Benchmarks;

/// <summary>
/// Device memory in use on a CUDA GPU, read from the CUDA driver (<c>cuMemGetInfo</c>): TorchSharp 0.107 exposes
/// none of libtorch's allocator statistics (<c>torch.cuda.max_memory_allocated</c> and friends), and the driver,
/// which every CUDA machine has, answers for the whole device.
/// </summary>
internal static class CudaDriverMemory
{
    private const string Driver = "libcuda.so.1";

    [DllImport(Driver)]
    private static extern int cuInit(uint flags);

    [DllImport(Driver)]
    private static extern int cuDeviceGet(out int device, int ordinal);

    [DllImport(Driver, EntryPoint = "cuDevicePrimaryCtxRetain")]
    private static extern int cuDevicePrimaryCtxRetain(out nint context, int device);

    [DllImport(Driver, EntryPoint = "cuDevicePrimaryCtxRelease_v2")]
    private static extern int cuDevicePrimaryCtxRelease(int device);

    [DllImport(Driver, EntryPoint = "cuCtxPushCurrent_v2")]
    private static extern int cuCtxPushCurrent(nint context);

    [DllImport(Driver, EntryPoint = "cuCtxPopCurrent_v2")]
    private static extern int cuCtxPopCurrent(out nint context);

    [DllImport(Driver, EntryPoint = "cuMemGetInfo_v2")]
    private static extern int cuMemGetInfo(out nuint free, out nuint total);

    /// <summary>(used, total) bytes on <paramref name="cuda"/> ("cuda" alone: device 0), or null if the driver cannot be asked.</summary>
    public static (long Used, long Total)? Read(Device cuda)
    {
        try
        {
            if (cuInit(0) != 0 || cuDeviceGet(out int device, Math.Max(0, cuda.index)) != 0
                || cuDevicePrimaryCtxRetain(out nint context, device) != 0)
            {
                return null;
            }

            try
            {
                // The primary context is the one libtorch uses; making it current here works on any thread.
                if (cuCtxPushCurrent(context) != 0)
                {
                    return null;
                }

                int status = cuMemGetInfo(out nuint free, out nuint total);
                cuCtxPopCurrent(out _);
                return status == 0 ? ((long)(total - free), (long)total) : null;
            }
            finally
            {
                cuDevicePrimaryCtxRelease(device);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
