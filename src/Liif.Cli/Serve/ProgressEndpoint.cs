using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Liif.Cli.Serve;

/// <summary>
/// <c>GET /api/progress/{job}</c>: server-sent events, one JSON <see cref="JobSnapshot"/> each time the job's state
/// changes (its place in the queue, the fraction done, the time estimates), ending after a final state. A client may
/// open it before its upload has arrived: it then reports <c>waiting</c>, and <c>unknown</c> if no such job arrives
/// within <see cref="JobQueue.ArrivalTimeout"/>.
/// </summary>
internal static class ProgressEndpoint
{
    /// <summary>How often a job's state is looked at.</summary>
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(200);

    public static IResult Handle(string job, JobQueue jobs, HttpContext http, IHostApplicationLifetime lifetime)
    {
        try
        {
            JobQueue.CheckId(job);
        }
        catch (UsageException e)
        {
            return ErrorResponse.For(e);
        }

        return TypedResults.ServerSentEvents(Snapshots(job, jobs, lifetime.ApplicationStopping, http.RequestAborted));
    }

    // The request's token is given here: TypedResults.ServerSentEvents enumerates the events without a token.
    private static async IAsyncEnumerable<JobSnapshot> Snapshots(string id, JobQueue jobs, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken requestAborted)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        long deadline = Environment.TickCount64 + (long)jobs.ArrivalTimeout.TotalMilliseconds;
        JobSnapshot? last = null;
        while (!cancel.IsCancellationRequested)
        {
            JobSnapshot now = jobs.Find(id)?.Snapshot()
                ?? new(Environment.TickCount64 < deadline ? JobState.Waiting : JobState.Unknown, 0, 0, null, null);
            if (now != last)
            {
                yield return now;
                last = now;
            }

            if (now.IsFinal)
            {
                yield break;
            }

            // A cancelled wait ends the loop (the stream ends) rather than throwing.
            await Task.Delay(s_interval, cancel.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
