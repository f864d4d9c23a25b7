namespace Liif.Models;

/// <summary>
/// Small constant vectors made on the device by fill kernels. <c>torch.tensor(array, device: cuda)</c> copies from
/// pageable host memory, and libtorch follows such a copy with a stream synchronisation: the CPU then waits for all
/// queued GPU work, so every chunk of queries would stall the pipeline several times. Fill kernels are queued like
/// any other work.
/// </summary>
internal static class DeviceVector
{
    /// <summary>The float32 vector of <paramref name="values"/> on <paramref name="device"/>.</summary>
    public static Tensor Of(Device device, params float[] values)
    {
        using var scope = NewDisposeScope();
        return cat(values.Select(v => full(1, v, dtype: float32, device: device)).ToArray()).MoveToOuterDisposeScope();
    }
}
