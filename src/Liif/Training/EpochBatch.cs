using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Training;

/// <summary>The samples of one training batch and its place in its epoch; subclasses stack them into tensors.</summary>
public abstract class EpochBatch<TSample> : IEpochBatch
{
    protected EpochBatch(int epoch, int indexInEpoch, IReadOnlyList<TSample> samples)
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

    public IReadOnlyList<TSample> Samples { get; }

    public int Size => Samples.Count;

    /// <summary>One array per sample, concatenated into a tensor of <paramref name="shape"/> on <paramref name="device"/>.</summary>
    protected static Tensor Stack(IEnumerable<float[]> parts, long[] shape, Device device)
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
