namespace Liif.Training;

/// <summary>
/// Where a run stands, stored in the checkpoint's metadata: <see cref="EpochsDone"/> whole epochs plus
/// <see cref="BatchesDoneInEpoch"/> batches of the next (non-zero when a budget or Ctrl-C stopped it mid-epoch);
/// <see cref="Iteration"/> optimizer steps in all; the scheduler's <see cref="SchedulerState.LastEpoch"/> (PyTorch's
/// <c>last_epoch</c>: epochs it has been stepped); the seed; training seconds so far; the last validation PSNR.
/// </summary>
internal sealed record TrainingCheckpointState
{
    [JsonPropertyName("epoch")]
    public int EpochsDone { get; init; }

    [JsonPropertyName("batch_in_epoch")]
    public int BatchesDoneInEpoch { get; init; }

    [JsonPropertyName("iteration")]
    public long Iteration { get; init; }

    [JsonPropertyName("scheduler")]
    public SchedulerState Scheduler { get; init; } = new();

    [JsonPropertyName("seed")]
    public long Seed { get; init; }

    [JsonPropertyName("elapsed_seconds")]
    public double ElapsedSeconds { get; init; }

    [JsonPropertyName("val_psnr")]
    public double? ValPsnr { get; init; }

    [JsonPropertyName("val_epoch")]
    public int? ValEpoch { get; init; }

    /// <summary>Where the run's weights started, when not from scratch (e.g. "initialised from srresnet_x4.safetensors ...").</summary>
    [JsonPropertyName("notes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Notes { get; init; }

    /// <summary>The official scheduler's state: MultiStepLR milestones, gamma, base lr and last_epoch.</summary>
    public sealed record SchedulerState
    {
        [JsonPropertyName("name")]
        public string Name { get; init; } = "multi_step_lr";

        [JsonPropertyName("milestones")]
        public int[] Milestones { get; init; } = [];

        [JsonPropertyName("gamma")]
        public double Gamma { get; init; } = 1;

        [JsonPropertyName("base_lr")]
        public double BaseLr { get; init; }

        [JsonPropertyName("last_epoch")]
        public int LastEpoch { get; init; }
    }
}
