namespace Liif.Training;

/// <summary>Why a run ended.</summary>
internal enum TrainingEndReason
{
    /// <summary>All epochs done.</summary>
    Completed,

    /// <summary>--max-iterations or --max-minutes reached.</summary>
    BudgetReached,

    /// <summary>Ctrl-C or SIGTERM.</summary>
    Interrupted,
}

/// <summary>How a run ended and where its files are.</summary>
internal sealed record TrainingOutcome(TrainingEndReason Reason, int EpochsDone, long Iteration, double? LastValPsnr,
    string CheckpointPath, string ModelPath, double TrainingSeconds);
