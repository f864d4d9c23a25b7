namespace Liif.Training;

/// <summary>
/// A batch of <see cref="TrainingSample"/>s (made on a loader thread); <see cref="ToTensors"/> gives inp B×3×h×w,
/// coord B×Q×2, cell B×Q×2 and gt B×Q×3 on the training thread.
/// </summary>
internal sealed class TrainingBatch(int epoch, int indexInEpoch, IReadOnlyList<TrainingSample> samples, bool pinned = false)
    : EpochBatch<TrainingSample>(epoch, indexInEpoch, samples, pinned, [s => s.Inp, s => s.Coord, s => s.Cell, s => s.Gt])
{
    public (Tensor Inp, Tensor Coord, Tensor Cell, Tensor Gt) ToTensors(Device device)
    {
        int b = Samples.Count, s = Samples[0].InpSize, q = Samples[0].Queries;
        Tensor[] t = Fields(device, [b, 3, s, s], [b, q, 2], [b, q, 2], [b, q, 3]);
        return (t[0], t[1], t[2], t[3]);
    }
}
