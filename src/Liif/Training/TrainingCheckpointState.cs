namespace Liif.Training;

/// <summary>
/// Where a run stands, stored in the checkpoint's metadata: <see cref="EpochsDone"/> whole epochs plus
/// <see cref="BatchesDoneInEpoch"/> batches of the next (non-zero when a budget or Ctrl-C stopped it mid-epoch);
/// <see cref="Iteration"/> optimizer steps in all; the scheduler's <see cref="SchedulerState.LastEpoch"/> (PyTorch's
/// <c>last_epoch</c>: epochs it has been stepped); the seed; training seconds so far; the last validation PSNR.
/// Keys are the properties' names in snake_case (<see cref="Json"/>), but for the two counters of epochs.
/// </summary>
internal sealed record TrainingCheckpointState
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [JsonPropertyName("epoch")]
    public int EpochsDone { get; init; }

    [JsonPropertyName("batch_in_epoch")]
    public int BatchesDoneInEpoch { get; init; }

    public long Iteration { get; init; }

    public SchedulerState Scheduler { get; init; } = new();

    public long Seed { get; init; }

    public double ElapsedSeconds { get; init; }

    public double? ValPsnr { get; init; }

    public int? ValEpoch { get; init; }

    /// <summary>Where the run's weights started, when not from scratch (e.g. "initialised from srresnet_x4.safetensors ...").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Notes { get; init; }

    /// <summary>The official scheduler's state: MultiStepLR milestones, gamma, base lr and last_epoch.</summary>
    public sealed record SchedulerState
    {
        public string Name { get; init; } = "multi_step_lr";

        public int[] Milestones { get; init; } = [];

        public double Gamma { get; init; } = 1;

        public double BaseLr { get; init; }

        public int LastEpoch { get; init; }
    }
}
