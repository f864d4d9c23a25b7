namespace Liif.Training;

/// <summary>
/// The samples of one training batch and its place in its epoch. The samples' arrays are concatenated, field after
/// field, into one CPU tensor when the batch is made, on the loader's thread: the training thread, which on CUDA is
/// the one that launches every kernel, then only views that tensor (CPU) or copies it to the device in one
/// asynchronous transfer from page-locked memory (<c>pinned</c>), without waiting for the GPU. Subclasses name the
/// fields and their shapes. Dispose the batch after its step.
/// </summary>
internal abstract class EpochBatch<TSample> : IEpochBatch
{
    private readonly long[] _offsets;
    private readonly Tensor _staged;

    protected EpochBatch(int epoch, int indexInEpoch, IReadOnlyList<TSample> samples, bool pinned, IReadOnlyList<Func<TSample, float[]>> fields)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one sample", nameof(samples));
        }

        Epoch = epoch;
        IndexInEpoch = indexInEpoch;
        Samples = samples;
        _offsets = new long[fields.Count + 1];
        for (int f = 0; f < fields.Count; f++)
        {
            _offsets[f + 1] = _offsets[f] + samples.Sum(s => (long)fields[f](s).Length);
        }

        float[] all = new float[_offsets[^1]];
        for (int f = 0; f < fields.Count; f++)
        {
            long offset = _offsets[f];
            foreach (TSample sample in samples)
            {
                float[] part = fields[f](sample);
                part.CopyTo(all, offset);
                offset += part.Length;
            }
        }

        Tensor staged = tensor(all).DetachFromDisposeScope();
        if (pinned)
        {
            Tensor pinnedCopy = staged.pin_memory().DetachFromDisposeScope();
            staged.Dispose();
            staged = pinnedCopy;
        }

        _staged = staged;
    }

    public int Epoch { get; }

    /// <summary>0-based position of this batch in its epoch.</summary>
    public int IndexInEpoch { get; }

    public IReadOnlyList<TSample> Samples { get; }

    public int Size => Samples.Count;

    /// <summary>The fields on <paramref name="device"/>, in the given shapes (tensors of the caller's dispose scope).</summary>
    protected Tensor[] Fields(Device device, params long[][] shapes)
    {
        if (shapes.Length != _offsets.Length - 1)
        {
            throw new ArgumentException($"the batch has {_offsets.Length - 1} fields, not {shapes.Length}", nameof(shapes));
        }

        Tensor all = device.type == DeviceType.CPU ? _staged : _staged.to(device, non_blocking: _staged.is_pinned());
        var tensors = new Tensor[shapes.Length];
        for (int f = 0; f < shapes.Length; f++)
        {
            tensors[f] = all.narrow(0, _offsets[f], _offsets[f + 1] - _offsets[f]).view(shapes[f]);
        }

        return tensors;
    }

    public void Dispose()
    {
        _staged.Dispose();
        GC.SuppressFinalize(this);
    }
}
