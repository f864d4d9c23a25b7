namespace Liif.Training;

/// <summary>
/// A training batch that knows its place in its epoch (what a checkpoint records to resume mid-epoch). It holds its
/// data in a native tensor: dispose it after its step.
/// </summary>
internal interface IEpochBatch : IDisposable
{
    int IndexInEpoch { get; }
}
