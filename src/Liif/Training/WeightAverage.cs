namespace Liif.Training;

/// <summary>
/// The exponential moving average of a model's trained weights (Polyak–Ruppert averaging with exponential weights):
/// after every optimiser step, average ← average + (1 − decay) · (weights − average), one <c>lerp_</c> over the flat
/// buffers. With decay 0.999 the average spans about the last thousand steps, which smooths out the noise of single
/// Adam steps: the averaged model scores better than the raw weights at any moment of a run, so it is what a run
/// validates and ships. The average lives in the parameters of a second copy of the model, so it is evaluated and
/// saved like any model.
/// </summary>
internal sealed class WeightAverage : IDisposable
{
    private readonly FlatParameters _trained;
    private readonly FlatParameters _average;
    private readonly Tensor _weight;

    /// <param name="model">A second instance of the trained model's architecture, on its device; it becomes the average (its owner disposes it).</param>
    /// <param name="trained">The trained model's flat parameters, which the average follows.</param>
    /// <param name="source">The trained model: the average starts as a copy of all its weights and buffers.</param>
    /// <param name="decay">The weight kept at each step, in [0, 1).</param>
    public WeightAverage(nn.Module model, FlatParameters trained, nn.Module source, double decay)
    {
        Decay = decay;
        _trained = trained;
        Dictionary<string, Parameter> parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (Parameter p in parameters.Values)
        {
            p.requires_grad = false;
        }

        _average = new FlatParameters(trained.Names.Select(n => (n, parameters[n])).ToArray(), withGradients: false);
        Dictionary<string, Tensor> from = source.state_dict();
        using (no_grad())
        {
            foreach ((string key, Tensor value) in model.state_dict())
            {
                value.copy_(from[key]);
            }
        }

        _weight = tensor(1 - decay, float32, trained.Values.device).DetachFromDisposeScope();
        model.eval();
    }

    public double Decay { get; }

    /// <summary>Moves the average towards the current weights (after an optimiser step).</summary>
    public void Update()
    {
        using var noGrad = no_grad();
        _average.Values.lerp_(_trained.Values, _weight);
    }

    public void Dispose()
    {
        _weight.Dispose();
        _average.Dispose();
    }
}
