using System.Net;
using Liif.Cli.Serve;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Liif.Tests.Serve;

/// <summary>
/// The device queue of <c>liif serve</c>: one job at a time, the places of the waiting ones on the progress channel,
/// and jobs that stop when their client disconnects, whether waiting or running (a real LIIF decode, stopped between
/// its chunks).
/// </summary>
public sealed class ServeQueueTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly ServeTestServer _server;
    private readonly HttpClient _client;
    private readonly byte[] _png = ImageFile.Encode(TestImages.Gradient(20, 20), "in.png");

    public ServeQueueTests()
    {
        // Chunks of 16 queries: a 3000x3000 output takes 562,500 of them, far longer than the tests wait.
        _server = new ServeTestServer(ServeTestServer.SettingsFor([TestModels.SaveTiny(_dir.Path), "bicubic"], maxQueries: 16));
        _client = _server.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _dir.Dispose();
    }

    private Task<HttpResponseMessage> Post(string job, string model, string size, CancellationToken token) =>
        _client.PostAsync("/api/upscale", ServeTestServer.Form(_png, "in.png", ("size", size), ("model", model), ("job", job)), token);

    /// <summary>Reads a job's progress events until one matches (returning it), or the stream ends (failing).</summary>
    private async Task<JobSnapshot> WaitFor(string job, Func<JobSnapshot, bool> match, List<JobSnapshot>? seen = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await foreach (JobSnapshot e in ServeTestServer.Progress(_client, job, timeout.Token))
        {
            seen?.Add(e);
            if (match(e))
            {
                return e;
            }
        }

        throw new Xunit.Sdk.XunitException($"job {job}: progress ended without the expected state; saw {string.Join(", ", seen ?? [])}");
    }

    [Fact]
    public async Task A_full_queue_refuses_the_next_job_and_takes_jobs_again_once_one_leaves()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        var queue = new JobQueue(maxWaiting: 2);
        using var release = new SemaphoreSlim(0);
        Task<int> running = queue.RunAsync(new ServeJob(), _ =>
        {
            release.Wait(token);
            return 0;
        }, token);
        while (queue.Count == 0)
        {
            await Task.Delay(10, token);
        }

        Task<int>[] waiting = [queue.RunAsync(new ServeJob(), _ => 1, token), queue.RunAsync(new ServeJob(), _ => 2, token)];
        var refusedJob = new ServeJob();
        var full = await Assert.ThrowsAsync<QueueFullException>(() => queue.RunAsync(refusedJob, _ => 3, token));
        Assert.Equal("the server is busy: 2 jobs are waiting for the device; try again when one has finished", full.Message);
        Assert.Equal(JobState.Failed, refusedJob.Snapshot().State);
        Assert.Equal(3, queue.Count);

        release.Release();
        int first = await running;
        int[] rest = await Task.WhenAll(waiting);
        Assert.Equal((0, 1, 2), (first, rest[0], rest[1]));
        Assert.Equal(4, await queue.RunAsync(new ServeJob(), _ => 4, token));
        Assert.Equal(0, queue.Count);
        Assert.Equal(503, ((Microsoft.AspNetCore.Http.IStatusCodeHttpResult)ErrorResponse.For(full)).StatusCode);
    }

    [Fact]
    public async Task A_busy_server_refuses_an_upload_before_decoding_it()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        JobQueue queue = _server.Services.GetRequiredService<JobQueue>();
        // Nine listed jobs not yet finished (one for the device, eight waiting), as uploads being decoded are.
        ServeJob[] open = Enumerable.Range(0, 9).Select(i => queue.Add($"open-{i}")).ToArray();

        // Not an image: refused as busy, not as unreadable, since a busy server does not decode what it cannot run.
        var notAnImage = ServeTestServer.Form("hello, I am not a PNG"u8.ToArray(), "text.png", ("scale", "2"), ("model", "bicubic"));
        HttpResponseMessage refused = await _client.PostAsync("/api/upscale", notAnImage, token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("the server is busy: 8 jobs are waiting for the device; try again when one has finished", await ServeTestServer.ErrorOf(refused));
        Assert.Throws<QueueFullException>(() => queue.Add("one-more"));

        open[0].Finish(JobState.Done);
        HttpResponseMessage taken = await Post("after-one-left", "bicubic", "40x40", token);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }

    [Fact]
    public async Task Jobs_wait_their_turn_and_stop_when_their_client_leaves()
    {
        CancellationToken testToken = TestContext.Current.CancellationToken;
        JobQueue queue = _server.Services.GetRequiredService<JobQueue>();

        // A: a long LIIF job, running.
        using var leaveA = CancellationTokenSource.CreateLinkedTokenSource(testToken);
        Task<HttpResponseMessage> a = Post("job-a", "tiny", "3000x3000", leaveA.Token);
        Task<HttpResponseMessage> b;
        JobSnapshot running = await WaitFor("job-a", e => e.State == JobState.Running && e.Done > 0);

        // B and C wait behind it, and the progress channel tells each its place; B's is open before its upload.
        await using (IAsyncEnumerator<JobSnapshot> progressB = ServeTestServer.Progress(_client, "job-b", testToken).GetAsyncEnumerator(testToken))
        {
            Assert.True(await progressB.MoveNextAsync());
            Assert.Equal(JobState.Waiting, progressB.Current.State);
            b = Post("job-b", "bicubic", "40x40", testToken);
            do
            {
                Assert.True(await progressB.MoveNextAsync());
            }
            while (progressB.Current.State == JobState.Waiting);
            Assert.Equal((JobState.Queued, 1), (progressB.Current.State, progressB.Current.Ahead));
        }

        using var leaveC = CancellationTokenSource.CreateLinkedTokenSource(testToken);
        Task<HttpResponseMessage> c = Post("job-c", "bicubic", "40x40", leaveC.Token);
        Assert.Equal(2, (await WaitFor("job-c", e => e.State == JobState.Queued)).Ahead);
        Assert.Equal(3, queue.Count);

        // C's client leaves while it waits: it leaves the queue.
        await leaveC.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => c);
        Assert.Equal(JobState.Cancelled, (await WaitFor("job-c", e => e.IsFinal)).State);
        Assert.False(b.IsCompleted);

        // A's client leaves while it runs: it stops at its next chunk, and B gets the device.
        await leaveA.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a);
        JobSnapshot stopped = await WaitFor("job-a", e => e.IsFinal);
        Assert.Equal(JobState.Cancelled, stopped.State);
        Assert.InRange(stopped.Done, running.Done, 0.5);
        HttpResponseMessage bResponse = await b;
        Assert.Equal(HttpStatusCode.OK, bResponse.StatusCode);
        Assert.Equal(JobState.Done, (await WaitFor("job-b", e => e.IsFinal)).State);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_running_job_reports_its_fraction_and_time_left()
    {
        CancellationToken testToken = TestContext.Current.CancellationToken;
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(testToken);
        Task<HttpResponseMessage> job = Post("job-eta", "tiny", "3000x3000", leave.Token);
        JobSnapshot withEstimate = await WaitFor("job-eta", e => e.RemainingSeconds is not null);
        Assert.Equal(JobState.Running, withEstimate.State);
        Assert.True(withEstimate.Done is > 0 and < 1, withEstimate.ToString());
        Assert.True(withEstimate.ElapsedSeconds > 0 && withEstimate.RemainingSeconds > 0, withEstimate.ToString());
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);
        Assert.Equal(JobState.Cancelled, (await WaitFor("job-eta", e => e.IsFinal)).State);
    }

    [Fact]
    public async Task A_progress_channel_for_a_job_that_never_comes_ends_as_unknown()
    {
        _server.Services.GetRequiredService<JobQueue>().ArrivalTimeout = TimeSpan.FromSeconds(1);
        var seen = new List<JobSnapshot>();
        await WaitFor("never-posted", e => e.IsFinal, seen);
        Assert.Equal([JobState.Waiting, JobState.Unknown], seen.Select(e => e.State));
    }
}
