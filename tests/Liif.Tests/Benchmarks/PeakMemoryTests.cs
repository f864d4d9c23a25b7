using Liif.Benchmarks;
using Liif.Tests.Training;

namespace Liif.Tests.Benchmarks;

/// <summary>The CPU peak is the process's resident peak, so these run alone (no test beside them allocating).</summary>
[Collection(nameof(ProcessMemoryCollection))]
public sealed class PeakMemoryTests
{
    private const int MiB = 1 << 20;

    [Fact]
    public void The_peak_covers_what_the_region_allocated()
    {
        PeakMemory.Reset(CPU);
        double before = PeakMemory.ReadMiB(CPU) ?? throw new InvalidOperationException("no VmHWM on this system");
        using (Tensor big = ones(256L * MiB / sizeof(float)))
        {
            Assert.Equal(1f, big[^1].item<float>());
        }

        double peak = PeakMemory.ReadMiB(CPU)!.Value;
        Assert.InRange(peak - before, 240, 400);
    }

    [Fact]
    public void Memory_freed_before_the_reset_does_not_count()
    {
        // 256 MiB in 64 KiB tensors: small enough to come from glibc's heap, which keeps freed pages resident
        // unless trimmed. Without the trim in Reset, the peak after it would start at least 256 MiB higher.
        PeakMemory.Reset(CPU);
        double start = PeakMemory.ReadMiB(CPU)!.Value;
        var small = new List<Tensor>();
        for (int i = 0; i < 4096; i++)
        {
            small.Add(ones(64 * 1024 / sizeof(float)));
        }

        double withSmall = PeakMemory.ReadMiB(CPU)!.Value;
        Assert.True(withSmall - start > 200, $"the 256 MiB of small tensors raised the peak by only {withSmall - start:0} MiB");
        small.ForEach(t => t.Dispose());

        PeakMemory.Reset(CPU);
        double afterReset = PeakMemory.ReadMiB(CPU)!.Value;
        Assert.True(afterReset < withSmall - 200, $"peak after reset {afterReset:0} MiB, with the tensors {withSmall:0} MiB");
    }
}
