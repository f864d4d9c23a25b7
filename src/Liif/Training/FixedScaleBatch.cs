using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Training;

/// <summary>A batch of <see cref="FixedScaleSample"/>s; <see cref="ToTensors"/> gives input B×3×a×a and target B×3×n×n.</summary>
public sealed class FixedScaleBatch(int epoch, int indexInEpoch, IReadOnlyList<FixedScaleSample> samples)
    : EpochBatch<FixedScaleSample>(epoch, indexInEpoch, samples)
{
    public (Tensor Input, Tensor Target) ToTensors(Device device)
    {
        int b = Samples.Count, a = Samples[0].InputSize, n = Samples[0].HrSize;
        return (Stack(Samples.Select(s => s.Input), [b, 3, a, a], device), Stack(Samples.Select(s => s.Target), [b, 3, n, n], device));
    }
}
