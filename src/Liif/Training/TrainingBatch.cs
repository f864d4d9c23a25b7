using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Training;

/// <summary>
/// A batch of <see cref="TrainingSample"/>s as flat arrays (made on a loader thread); <see cref="ToTensors"/> turns it
/// into inp B×3×h×w, coord B×Q×2, cell B×Q×2 and gt B×Q×3 on the training thread.
/// </summary>
public sealed class TrainingBatch
{
    public TrainingBatch(int epoch, int indexInEpoch, IReadOnlyList<TrainingSample> samples)
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

    public IReadOnlyList<TrainingSample> Samples { get; }

    public int Size => Samples.Count;

    public (Tensor Inp, Tensor Coord, Tensor Cell, Tensor Gt) ToTensors(Device device)
    {
        int b = Samples.Count, s = Samples[0].InpSize, q = Samples[0].Queries;
        Tensor inp = Stack(Samples.Select(x => x.Inp), [b, 3, s, s], device);
        Tensor coord = Stack(Samples.Select(x => x.Coord), [b, q, 2], device);
        Tensor cell = Stack(Samples.Select(x => x.Cell), [b, q, 2], device);
        Tensor gt = Stack(Samples.Select(x => x.Gt), [b, q, 3], device);
        return (inp, coord, cell, gt);
    }

    private static Tensor Stack(IEnumerable<float[]> parts, long[] shape, Device device)
    {
        float[][] arrays = parts.ToArray();
        float[] all = new float[arrays.Sum(a => a.Length)];
        int offset = 0;
        foreach (float[] a in arrays)
        {
            a.CopyTo(all, offset);
            offset += a.Length;
        }

        Tensor t = tensor(all, shape);
        return device.type == DeviceType.CPU ? t : t.to(device);
    }
}
