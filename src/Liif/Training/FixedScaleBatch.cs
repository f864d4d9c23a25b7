using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Training;

/// <summary>A batch of <see cref="FixedScaleSample"/>s; <see cref="ToTensors"/> gives input B×3×a×a and target B×3×n×n.</summary>
public sealed class FixedScaleBatch
{
    public FixedScaleBatch(int epoch, int indexInEpoch, IReadOnlyList<FixedScaleSample> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one sample", nameof(samples));
        }

        Epoch = epoch;
        IndexInEpoch = indexInEpoch;
        Samples = samples;
    }

    public int Epoch { get; }

    /// <summary>0-based position of this batch in its epoch.</summary>
    public int IndexInEpoch { get; }

    public IReadOnlyList<FixedScaleSample> Samples { get; }

    public (Tensor Input, Tensor Target) ToTensors(Device device)
    {
        int b = Samples.Count, a = Samples[0].InputSize, n = Samples[0].HrSize;
        return (Stack(Samples.Select(s => s.Input), [b, 3, a, a], device), Stack(Samples.Select(s => s.Target), [b, 3, n, n], device));
    }

    private static Tensor Stack(IEnumerable<float[]> parts, long[] shape, Device device)
    {
        float[] all = parts.SelectMany(p => p).ToArray();
        Tensor t = tensor(all, shape);
        return device.type == DeviceType.CPU ? t : t.to(device);
    }
}
