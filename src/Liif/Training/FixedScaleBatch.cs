namespace Liif.Training;

/// <summary>A batch of <see cref="FixedScaleSample"/>s; <see cref="ToTensors"/> gives input B×3×a×a and target B×3×n×n.</summary>
internal sealed class FixedScaleBatch(int epoch, int indexInEpoch, IReadOnlyList<FixedScaleSample> samples, bool pinned = false)
    : EpochBatch<FixedScaleSample>(epoch, indexInEpoch, samples, pinned, [s => s.Input, s => s.Target])
{
    public (Tensor Input, Tensor Target) ToTensors(Device device)
    {
        int b = Samples.Count, a = Samples[0].InputSize, n = Samples[0].HrSize;
        Tensor[] t = Fields(device, [b, 3, a, a], [b, 3, n, n]);
        return (t[0], t[1]);
    }
}
