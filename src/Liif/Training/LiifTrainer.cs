namespace Liif.Training;

/// <summary>
/// LIIF's part of a training run, as the official <c>train_liif.py</c>: samples from the <c>sr-implicit-downsampled</c>
/// wrapper (<see cref="ImplicitDownsampledSampler"/>: a scale s ~ U(scale_min, scale_max), an HR crop of
/// round(inp_size × s), its LR by bicubic, sample_q query pixels), and one <see cref="LiifTrainingStep"/> per batch,
/// with the decoder's hidden layers in the config's precision.
/// </summary>
internal sealed class LiifTrainer : IModelTrainer
{
    private readonly LiifModel _model;
    private readonly ImplicitDownsampledArgs _args;
    private readonly ImplicitDownsampledSampler _sampler;
    private readonly LiifTrainingStep.Query _query;

    public LiifTrainer(TrainConfig config, LiifModel model)
    {
        _model = model;
        _args = ((ImplicitDownsampledWrapper)config.TrainDataset.Wrapper).Args;
        _sampler = new ImplicitDownsampledSampler(_args.InpSize, _args.ScaleMin, _args.ScaleMax, _args.Augment, _args.SampleQ, config.DataNorm);
        _query = LiifTrainingStep.Fast(model, config.Precision);
    }

    public (int Pixels, string Why) MinImageSide =>
        (_sampler.MinImageSide, string.Create(CultureInfo.InvariantCulture, $"the largest HR crop, round({_args.InpSize} × {_args.ScaleMax})"));

    public IEnumerable<string> Notes => [$"sample_q {_args.SampleQ}"];

    public IBatchSample Sample(ImageU8 image, DeterministicRandom rng) => _sampler.Sample(image, rng);

    public double Step(TrainingBatch batch, FlatAdam optimizer, Device device)
    {
        using var scope = NewDisposeScope();
        Tensor[] t = batch.ToTensors(device);
        return LiifTrainingStep.Take(_model, _query, optimizer, t[0], t[1], t[2], t[3]);
    }
}
