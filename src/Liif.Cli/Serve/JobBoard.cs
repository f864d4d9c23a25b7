using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Liif.Cli.Serve;

/// <summary>
/// The jobs the progress channel can report on, by id. A client names its job (the form field <c>job</c>) so that it
/// can open the channel before its upload finishes; finished jobs stay listed for <see cref="KeepFinished"/>, for
/// clients that look late, and are then dropped, so the board does not grow with use.
/// </summary>
internal sealed partial class JobBoard
{
    public static readonly TimeSpan KeepFinished = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, ServeJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>How long the progress channel waits for a job it does not know yet to arrive.</summary>
    public TimeSpan ArrivalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lists a new job under <paramref name="id"/>, or under a fresh id when the client gave none.</summary>
    public ServeJob Add(string? id)
    {
        DropFinished();
        id = string.IsNullOrEmpty(id) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) : CheckId(id);
        var job = new ServeJob(id);
        return _jobs.TryAdd(id, job) ? job : throw new UsageException($"job id '{id}' is already in use: give each upload a new one");
    }

    public ServeJob? Find(string id)
    {
        DropFinished();
        return _jobs.GetValueOrDefault(id);
    }

    /// <summary>1 to 64 letters, digits, '-' or '_'.</summary>
    public static string CheckId(string id) => JobId().IsMatch(id)
        ? id
        : throw new UsageException("bad job id (use 1 to 64 letters, digits, '-' or '_')");

    private void DropFinished()
    {
        long now = Environment.TickCount64;
        foreach ((string id, ServeJob job) in _jobs)
        {
            if (job.FinishedAt is long at && now - at > KeepFinished.TotalMilliseconds)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex JobId();
}
