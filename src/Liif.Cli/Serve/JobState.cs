using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liif.Cli.Serve;

/// <summary>Where a job is, as the progress channel reports it (in lower case).</summary>
[JsonConverter(typeof(LowerCaseJobState))]
internal enum JobState
{
    /// <summary>The upload has not arrived yet (the progress channel may be opened first), or is being checked.</summary>
    Waiting,

    /// <summary>In the queue behind <see cref="JobSnapshot.Ahead"/> other jobs.</summary>
    Queued,

    Running,

    Done,

    Failed,

    /// <summary>Stopped because its client disconnected or the server is stopping.</summary>
    Cancelled,

    /// <summary>No upload with this id arrived in time (or it finished long ago).</summary>
    Unknown,
}

/// <summary>Writes a state's name in lower case ("queued"), as the page reads it.</summary>
internal sealed class LowerCaseJobState() : JsonStringEnumConverter<JobState>(JsonNamingPolicy.SnakeCaseLower);

/// <summary>One progress report: the state, jobs ahead in the queue, the fraction done and the time estimates.</summary>
internal sealed record JobSnapshot(JobState State, int Ahead, double Done, double? ElapsedSeconds, double? RemainingSeconds)
{
    [JsonIgnore]
    public bool IsFinal => State is JobState.Done or JobState.Failed or JobState.Cancelled or JobState.Unknown;
}
