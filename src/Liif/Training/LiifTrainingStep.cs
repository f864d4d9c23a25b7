using F = TorchSharp.torch.nn.functional;

namespace Liif.Training;

/// <summary>
/// One LIIF training step, as <c>train_liif.py</c>: encode the LR crops, query the sampled pixels, L1 against their
/// colours, backward, optimiser step. The training run, <c>liif bench</c> and the loss-curve comparison all step
/// through it, so what they time and compare is what training does.
/// </summary>
internal static class LiifTrainingStep
{
    /// <summary>How the sampled pixels are queried: feat, coord, cell → RGB (normalised).</summary>
    public delegate Tensor Query(Tensor feat, Tensor coord, Tensor cell);

    /// <summary>Our decoding path with the precision's hidden-layer type.</summary>
    public static Query Fast(LiifModel model, TrainingPrecision precision) =>
        (feat, coord, cell) => model.QueryRgb(feat, coord, cell, precision.DecoderDtype());

    /// <summary>The official <c>query_rgb</c>.</summary>
    public static Query Reference(LiifModel model) => (feat, coord, cell) => model.QueryRgbReference(feat, coord, cell);

    /// <summary>inp: B×3×h×w; coord, cell: B×Q×2; gt: B×Q×3 (all normalised). Returns the loss. Call inside a dispose scope.</summary>
    public static float Take(LiifModel model, Query query, ITrainingOptimizer optimizer, Tensor inp, Tensor coord, Tensor cell, Tensor gt)
    {
        Tensor loss = F.l1_loss(query(model.Encode(inp), coord, cell), gt);
        optimizer.ZeroGrad();
        loss.backward();
        optimizer.Step();
        return loss.item<float>();
    }
}

/// <summary>An optimiser as a step sees it: <see cref="FlatAdam"/>, or TorchSharp's own (<see cref="TorchOptimizer"/>) where they are compared.</summary>
internal interface ITrainingOptimizer
{
    void ZeroGrad();

    void Step();
}

/// <summary>TorchSharp's optimiser (one update per parameter tensor) as an <see cref="ITrainingOptimizer"/>.</summary>
internal sealed class TorchOptimizer(optim.Optimizer optimizer) : ITrainingOptimizer
{
    public void ZeroGrad() => optimizer.zero_grad();

    public void Step() => optimizer.step();
}
