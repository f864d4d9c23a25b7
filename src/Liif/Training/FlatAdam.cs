namespace Liif.Training;

/// <summary>
/// Adam as <c>torch.optim.Adam</c> computes it (no amsgrad; weight decay as an L2 term added to the gradient;
/// bias-corrected moments; the same operations in the same order as TorchSharp's <c>Adam.step</c>), over all
/// parameters at once: the moments are two buffers laid out as <see cref="FlatParameters.Values"/>, so a step is
/// eight whole-buffer kernels however many tensors the model has. TorchSharp's optimiser loops over the parameter
/// tensors with about nine calls each (some 700 for EDSR-baseline-LIIF's 78 tensors), each paying a managed-to-native
/// call and, on CUDA, a kernel launch. One difference: every parameter steps every time (a parameter without a
/// gradient gets a zero one), where torch skips parameters whose gradient is None; every trained parameter of our
/// models gets a gradient on every step.
/// </summary>
internal sealed class FlatAdam : ITrainingOptimizer, IDisposable
{
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _eps;
    private readonly double _weightDecay;

    /// <summary>Flattens <paramref name="parameters"/> (see <see cref="FlatParameters"/>) and optimises them.</summary>
    public FlatAdam(IReadOnlyList<(string Name, Parameter Parameter)> parameters, double lr, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0)
    {
        Parameters = new FlatParameters(parameters);
        LearningRate = lr;
        (_beta1, _beta2, _eps, _weightDecay) = (beta1, beta2, eps, weightDecay);
        ExpAvg = zeros_like(Parameters.Values).DetachFromDisposeScope();
        ExpAvgSq = zeros_like(Parameters.Values).DetachFromDisposeScope();
    }

    /// <summary>An optimiser of <paramref name="model"/>'s trained parameters with the <c>optimizer</c> section's settings.</summary>
    public FlatAdam(nn.Module model, AdamArgs config)
        : this(model.named_parameters().Where(p => p.parameter.requires_grad).ToList(), config.Lr, config.Betas[0], config.Betas[1],
            weightDecay: config.WeightDecay)
    {
    }

    /// <summary>The parameters it updates, flattened.</summary>
    public FlatParameters Parameters { get; }

    public double LearningRate { get; set; }

    /// <summary>Steps taken (torch's <c>state['step']</c>, the same for every parameter).</summary>
    public long Steps { get; private set; }

    /// <summary>First moments, laid out as the parameters.</summary>
    public Tensor ExpAvg { get; }

    /// <summary>Second moments, laid out as the parameters.</summary>
    public Tensor ExpAvgSq { get; }

    public void ZeroGrad() => Parameters.ZeroGrads();

    /// <summary>One update of every parameter from its accumulated gradient.</summary>
    public void Step()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Steps++;
        Tensor grad = _weightDecay != 0 ? Parameters.Grads!.add(Parameters.Values, alpha: _weightDecay) : Parameters.Grads!;
        ExpAvg.mul_(_beta1).add_(grad, alpha: 1 - _beta1);
        ExpAvgSq.mul_(_beta2).addcmul_(grad, grad, value: 1 - _beta2);
        double biasCorrection1 = 1 - Math.Pow(_beta1, Steps);
        double biasCorrection2 = 1 - Math.Pow(_beta2, Steps);
        Tensor denom = ExpAvgSq.sqrt().div_(Math.Sqrt(biasCorrection2)).add_(_eps);
        Parameters.Values.addcdiv_(ExpAvg, denom, value: -LearningRate / biasCorrection1);
    }

    /// <summary>Sets the state a checkpoint recorded: the step count and each parameter's moments (by name).</summary>
    public void Restore(long steps, IReadOnlyDictionary<string, (Tensor ExpAvg, Tensor ExpAvgSq)> moments)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < Parameters.Names.Count; i++)
        {
            (Tensor m, Tensor v) = moments[Parameters.Names[i]];
            Parameters.Slice(ExpAvg, i).copy_(m);
            Parameters.Slice(ExpAvgSq, i).copy_(v);
        }

        Steps = steps;
    }

    public void Dispose()
    {
        ExpAvg.Dispose();
        ExpAvgSq.Dispose();
        Parameters.Dispose();
    }
}
