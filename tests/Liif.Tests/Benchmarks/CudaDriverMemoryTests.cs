using Liif.Benchmarks;

namespace Liif.Tests.Benchmarks;

public sealed class CudaDriverMemoryTests
{
    [Fact]
    public void Reads_nothing_without_a_cuda_driver_and_a_sane_pair_with_one()
    {
        bool driver = System.Runtime.InteropServices.NativeLibrary.TryLoad("libcuda.so.1", out nint handle);
        if (driver)
        {
            System.Runtime.InteropServices.NativeLibrary.Free(handle);
        }

        (long Used, long Total)? reading = CudaDriverMemory.Read(new Device(DeviceType.CUDA, 0));
        if (!driver)
        {
            Assert.Null(reading);
            return;
        }

        Assert.NotNull(reading);
        Assert.InRange(reading.Value.Used, 0, reading.Value.Total);
    }
}
