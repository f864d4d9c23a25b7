namespace Liif.Training;

/// <summary>A training batch that knows its place in its epoch (what a checkpoint records to resume mid-epoch).</summary>
public interface IEpochBatch
{
    int IndexInEpoch { get; }
}
