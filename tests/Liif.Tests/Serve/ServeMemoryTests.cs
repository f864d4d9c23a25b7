using System.Net;
using Liif.Cli.Serve;
using Liif.Tests.Training;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Liif.Tests.Serve;

/// <summary>Runs alone: its tensor count and working-set checks are process-wide.</summary>
[Collection(nameof(ProcessMemoryCollection))]
public sealed class ServeMemoryTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Twenty_requests_leave_no_tensor_and_no_memory_behind()
    {
        // Small chunks and tiles: every request runs a LIIF decode of many chunks in several tiles.
        using var server = new ServeTestServer(ServeTestServer.SettingsFor([TestModels.SaveTiny(_dir.Path)], maxQueries: 500));
        HttpClient client = server.CreateClient();
        byte[] png = ImageFile.Encode(TestImages.Noise(40, 30, 3, seed: 2), "noise.png");

        async Task Request(int i)
        {
            HttpResponseMessage response = await client.PostAsync("/api/upscale",
                ServeTestServer.Form(png, "noise.png", ("scale", "3"), ("format", i % 2 == 0 ? "png" : "webp"), ("job", $"memory-{i}")),
                TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ImageU8 result = ImageFile.Decode(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), "result").Image;
            Assert.Equal((120, 90), (result.Width, result.Height));
        }

        static (long Tensors, long WorkingSet, long Managed) Measure()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return (Tensor.TotalCount, Process.GetCurrentProcess().WorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
        }

        for (int i = 0; i < 5; i++)
        {
            await Request(i);
        }

        (long tensorsAt5, long workingSetAt5, long managedAt5) = Measure();
        for (int i = 5; i < 25; i++)
        {
            await Request(i);
        }

        (long tensorsAt25, long workingSetAt25, long managedAt25) = Measure();
        Assert.Equal(tensorsAt5, tensorsAt25);
        Assert.True(workingSetAt25 - workingSetAt5 < 32L << 20, $"working set grew by {(workingSetAt25 - workingSetAt5) >> 20} MiB over 20 requests");
        Assert.True(managedAt25 - managedAt5 < 4L << 20, $"managed heap grew by {(managedAt25 - managedAt5) >> 10} KiB over 20 requests");
        Assert.Equal(0, server.Services.GetRequiredService<JobQueue>().Count);
    }
}
