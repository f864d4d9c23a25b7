namespace Liif.Benchmarks;

/// <summary>A module's weights at one moment, put back after each measurement that trains it.</summary>
internal sealed class WeightSnapshot : IDisposable
{
    private readonly nn.Module _module;
    private readonly Dictionary<string, Tensor> _state;

    public WeightSnapshot(nn.Module module)
    {
        _module = module;
        _state = module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    public void Restore()
    {
        using var noGrad = no_grad();
        foreach ((string key, Tensor value) in _module.state_dict())
        {
            value.copy_(_state[key]);
        }
    }

    public void Dispose()
    {
        StateDictLoader.Dispose(_state);
    }
}
