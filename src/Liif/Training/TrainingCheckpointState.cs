namespace Liif.Training;

/// <summary>
/// Where a run stands, stored in the checkpoint's metadata: <see cref="EpochsDone"/> whole epochs plus
/// <see cref="BatchesDoneInEpoch"/> batches of the next (non-zero when a budget or Ctrl-C stopped it mid-epoch);
/// <see cref="Iteration"/> optimizer steps in all; the scheduler's <see cref="SchedulerState.LastEpoch"/> (PyTorch's
/// <c>last_epoch</c>: epochs it has been stepped); the seed; training seconds so far; the last validation PSNR.
/// Keys are the properties' names in snake_case (<see cref="Json"/>), but for the two counters of epochs. A
/// <see cref="TrainingRun"/> keeps its counters in one of these as it trains and saves it as it stands.
/// </summary>
internal sealed class TrainingCheckpointState
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [JsonPropertyName("epoch")]
    public int EpochsDone { get; set; }

    [JsonPropertyName("batch_in_epoch")]
    public int BatchesDoneInEpoch { get; set; }

    public long Iteration { get; set; }

    public SchedulerState Scheduler { get; set; } = new();

    public long Seed { get; set; }

    public double ElapsedSeconds { get; set; }

    public double? ValPsnr { get; set; }

    public int? ValEpoch { get; set; }

    /// <summary>Where the run's weights started, when not from scratch (e.g. "initialised from srresnet_x4.safetensors ...").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Notes { get; set; }

    /// <summary>The official scheduler's state: MultiStepLR milestones, gamma, base lr and last_epoch.</summary>
    public sealed class SchedulerState
    {
        public string Name { get; set; } = "multi_step_lr";

        public int[] Milestones { get; set; } = [];

        public double Gamma { get; set; } = 1;

        public double BaseLr { get; set; }

        public int LastEpoch { get; set; }
    }
}
