using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Training;

/// <summary>
/// A batch of <see cref="TrainingSample"/>s as flat arrays (made on a loader thread); <see cref="ToTensors"/> turns it
/// into inp B×3×h×w, coord B×Q×2, cell B×Q×2 and gt B×Q×3 on the training thread.
/// </summary>
public sealed class TrainingBatch(int epoch, int indexInEpoch, IReadOnlyList<TrainingSample> samples)
    : EpochBatch<TrainingSample>(epoch, indexInEpoch, samples)
{
    public (Tensor Inp, Tensor Coord, Tensor Cell, Tensor Gt) ToTensors(Device device)
    {
        int b = Samples.Count, s = Samples[0].InpSize, q = Samples[0].Queries;
        Tensor inp = Stack(Samples.Select(x => x.Inp), [b, 3, s, s], device);
        Tensor coord = Stack(Samples.Select(x => x.Coord), [b, q, 2], device);
        Tensor cell = Stack(Samples.Select(x => x.Cell), [b, q, 2], device);
        Tensor gt = Stack(Samples.Select(x => x.Gt), [b, q, 3], device);
        return (inp, coord, cell, gt);
    }
}
