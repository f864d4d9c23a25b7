namespace Liif.Training;

/// <summary>
/// A module's trained parameters laid out in one contiguous float32 buffer, <see cref="Values"/>: each parameter
/// becomes a view of its slice (<c>set_</c> under no_grad, so the module keeps its own <see cref="Parameter"/>
/// objects), and its gradient a view of the same slice of <see cref="Grads"/>, into which autograd accumulates in
/// place (a gradient that is already defined is added to, never replaced). A whole-model update (Adam, a weight
/// average) is then a handful of kernels over one buffer instead of several kernels per parameter tensor.
/// Nothing may move or replace the parameters afterwards (<c>module.to(...)</c> would break the views): flatten
/// after the module is on its device.
/// </summary>
internal sealed class FlatParameters : IDisposable
{
    private readonly long[] _offsets;

    /// <param name="parameters">The parameters, in the order of the buffer.</param>
    /// <param name="withGradients">Whether to lay out the gradients too (not for weights that are never trained, such as an average).</param>
    public FlatParameters(IReadOnlyList<(string Name, Parameter Parameter)> parameters, bool withGradients = true)
    {
        if (parameters.Count == 0)
        {
            throw new ArgumentException("no parameters to flatten", nameof(parameters));
        }

        Device device = parameters[0].Parameter.device;
        if (parameters.Any(p => p.Parameter.dtype != ScalarType.Float32 || p.Parameter.device_type != device.type || p.Parameter.device_index != device.index))
        {
            throw new ArgumentException("flat parameters must all be float32 on one device", nameof(parameters));
        }

        Names = parameters.Select(p => p.Name).ToArray();
        Shapes = parameters.Select(p => p.Parameter.shape).ToArray();
        _offsets = new long[parameters.Count + 1];
        for (int i = 0; i < parameters.Count; i++)
        {
            _offsets[i + 1] = _offsets[i] + parameters[i].Parameter.numel();
        }

        Values = empty(_offsets[^1], float32, device).DetachFromDisposeScope();
        Grads = withGradients ? zeros(_offsets[^1], float32, device).DetachFromDisposeScope() : null;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            Parameter p = parameters[i].Parameter;
            Tensor slice = Slice(Values, i);
            slice.copy_(p);
            p.set_(slice);
            if (Grads is not null)
            {
                p.grad = Slice(Grads, i);
            }
        }
    }

    /// <summary>All parameters, one after the other in the order given.</summary>
    public Tensor Values { get; }

    /// <summary>All gradients, laid out as <see cref="Values"/> (null without gradients).</summary>
    public Tensor? Grads { get; }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<long[]> Shapes { get; }

    /// <summary>Sets every gradient to zero (one kernel).</summary>
    public void ZeroGrads() => Grads?.zero_();

    /// <summary>The slice of parameter <paramref name="index"/> in a buffer laid out as <see cref="Values"/>, in its parameter's shape.</summary>
    public Tensor Slice(Tensor flat, int index) => flat.narrow(0, _offsets[index], _offsets[index + 1] - _offsets[index]).view(Shapes[index]);

    public void Dispose()
    {
        Values.Dispose();
        Grads?.Dispose();
    }
}
