namespace Liif.Training;

/// <summary>A training sample as its batch stacks it: its arrays, each with its shape in one sample.</summary>
internal interface IBatchSample
{
    IReadOnlyList<(float[] Values, long[] Shape)> Fields { get; }
}

/// <summary>
/// The samples of one training batch (LIIF's <see cref="TrainingSample"/>s or the baselines'
/// <see cref="FixedScaleSample"/>s) and its place in its epoch. The samples' arrays are concatenated, field after
/// field, into one CPU tensor when the batch is made, on the loader's thread: the training thread, which on CUDA is
/// the one that launches every kernel, then only views that tensor (CPU) or copies it to the device in one
/// asynchronous transfer from page-locked memory (<c>pinned</c>), without waiting for the GPU. Dispose the batch
/// after its step.
/// </summary>
internal sealed class TrainingBatch : IDisposable
{
    private readonly long[] _offsets;
    private readonly Tensor _staged;

    public TrainingBatch(int indexInEpoch, IReadOnlyList<IBatchSample> samples, bool pinned = false)
    {
        IndexInEpoch = indexInEpoch;
        Samples = samples;
        int fields = samples[0].Fields.Count;
        _offsets = new long[fields + 1];
        for (int f = 0; f < fields; f++)
        {
            _offsets[f + 1] = _offsets[f] + samples.Sum(s => (long)s.Fields[f].Values.Length);
        }

        float[] all = new float[_offsets[^1]];
        for (int f = 0; f < fields; f++)
        {
            long offset = _offsets[f];
            foreach (IBatchSample sample in samples)
            {
                float[] part = sample.Fields[f].Values;
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

    /// <summary>0-based position of this batch in its epoch.</summary>
    public int IndexInEpoch { get; }

    public IReadOnlyList<IBatchSample> Samples { get; }

    public int Size => Samples.Count;

    /// <summary>
    /// The fields on <paramref name="device"/>, each B × its sample shape (LIIF: inp B×3×h×w, coord B×Q×2,
    /// cell B×Q×2, gt B×Q×3; a baseline: input B×3×a×a, target B×3×n×n); tensors of the caller's dispose scope.
    /// </summary>
    public Tensor[] ToTensors(Device device)
    {
        Tensor all = device.type == DeviceType.CPU ? _staged : _staged.to(device, non_blocking: _staged.is_pinned());
        IReadOnlyList<(float[] Values, long[] Shape)> fields = Samples[0].Fields;
        var tensors = new Tensor[fields.Count];
        for (int f = 0; f < fields.Count; f++)
        {
            tensors[f] = all.narrow(0, _offsets[f], _offsets[f + 1] - _offsets[f]).view([Size, .. fields[f].Shape]);
        }

        return tensors;
    }

    public void Dispose()
    {
        _staged.Dispose();
        GC.SuppressFinalize(this);
    }
}
