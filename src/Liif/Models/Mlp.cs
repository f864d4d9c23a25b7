using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Liif.Models;

/// <summary>LIIF's decoding function f_θ: Linear/ReLU layers of the given hidden widths, then a linear output.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "layers")]
    private readonly Sequential _layers;

    public Mlp(int inDim, int outDim, IReadOnlyList<int> hiddenList) : base(nameof(Mlp))
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        int last = inDim;
        foreach (int hidden in hiddenList)
        {
            layers.Add(nn.Linear(last, hidden));
            layers.Add(nn.ReLU());
            last = hidden;
        }

        layers.Add(nn.Linear(last, outDim));
        _layers = nn.Sequential(layers);
        InDim = inDim;
        HiddenList = hiddenList;
        RegisterComponents();
    }

    public int InDim { get; }

    public IReadOnlyList<int> HiddenList { get; }

    /// <summary>x: N×InDim → N×outDim.</summary>
    public override Tensor forward(Tensor x) => _layers.call(x);

    /// <summary>The first Linear layer, which the fast path factorises over latent codes.</summary>
    internal Linear FirstLayer => (Linear)_layers[0];

    /// <summary>
    /// The rest of the MLP, from the first layer's output (before its ReLU). With <paramref name="dtype"/> (e.g.
    /// bfloat16) the hidden layers run in that type (matrix products accumulate in float32 in libtorch's CPU and
    /// CUDA kernels) and the result comes back as float32.
    /// </summary>
    internal Tensor ForwardAfterFirstLayer(Tensor firstHidden, ScalarType? dtype = null)
    {
        if (dtype is not ScalarType lowPrecision)
        {
            Tensor x = firstHidden;
            foreach (nn.Module<Tensor, Tensor> layer in _layers.children().Skip(1).Cast<nn.Module<Tensor, Tensor>>())
            {
                x = layer.call(x);
            }

            return x;
        }

        Tensor h = firstHidden.to(lowPrecision);
        foreach (nn.Module<Tensor, Tensor> layer in _layers.children().Skip(1).Cast<nn.Module<Tensor, Tensor>>())
        {
            h = layer is Linear linear
                ? nn.functional.linear(h, linear.weight!.to(lowPrecision), linear.bias?.to(lowPrecision))
                : layer.call(h);
        }

        return h.to(float32);
    }
}
