using Liif.Tests.Training;

namespace Liif.Tests.Inference;

/// <summary>Runs alone: its working-set check is process-wide.</summary>
[Collection(nameof(ProcessMemoryCollection))]
public sealed class TiledLiifUpscalerMemoryTests
{
    [Theory]
    [InlineData(nameof(DecoderPrecision.Float32))]
    [InlineData(nameof(DecoderPrecision.BFloat16))]
    public void Repeated_upscales_leave_no_tensor_behind(string precisionName)
    {
        // The precision by name: a public test method cannot take the library's internal enum.
        var precision = Enum.Parse<DecoderPrecision>(precisionName);
        manual_seed(5);
        using LiifModel model = (LiifModel)ModelFactory.Make(TestModels.TinySpec());
        // Small chunks and tiles: each upscale runs several tiles of many chunks.
        var upscaler = new TiledLiifUpscaler(model, CPU, maxQueries: 100, precision: precision, tileSize: 16);
        ImageU8 input = TestImages.Noise(24, 20, 3, seed: 4);
        (long Live, long WorkingSet) Measure()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            // TorchSharp's exact count of this thread's tensors: all created less all disposed, in scopes or not.
            return (DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount, Process.GetCurrentProcess().WorkingSet64);
        }

        for (int i = 0; i < 5; i++)
        {
            upscaler.Upscale(input, 72, 60);
        }

        (long liveAt5, long workingSetAt5) = Measure();
        for (int i = 0; i < 25; i++)
        {
            upscaler.Upscale(input, 72, 60);
        }

        (long liveAt30, long workingSetAt30) = Measure();
        Assert.Equal(liveAt5, liveAt30);
        Assert.True(workingSetAt30 - workingSetAt5 < 32L << 20, $"working set grew by {(workingSetAt30 - workingSetAt5) >> 20} MiB over 25 upscales");
    }
}
