namespace Liif.Models;

/// <summary>LIIF's decoding function f_θ: Linear/ReLU layers of the given hidden widths, then a linear output.</summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
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
        RegisterComponents();
    }

    /// <summary>x: N×inDim → N×outDim.</summary>
    public override Tensor forward(Tensor x) => _layers.call(x);

    /// <summary>The first Linear layer.</summary>
    internal Linear FirstLayer => (Linear)_layers[0];

    /// <summary>
    /// The first layer split as LIIF lays out its input, [feature | rel coord | rel cell], at column
    /// <paramref name="featureDim"/>: the feature columns (hidden×featureDim), and the bias with the other columns as
    /// the matrix that maps [1 | rel coord | rel cell] to their share of the layer's output ((1 + inDim − featureDim)×hidden).
    /// </summary>
    internal (Tensor Feature, Tensor Others) SplitFirstLayer(int featureDim)
    {
        Tensor weight = FirstLayer.weight!;
        return (weight[.., ..featureDim], cat([FirstLayer.bias!.unsqueeze(0), weight[.., featureDim..].t()], 0));
    }

    /// <summary>
    /// The rest of the MLP, from the first layer's output (before its ReLU), which it consumes: ReLUs run in place and
    /// each activation is released as soon as the next layer has read it, so a chunk of queries holds at most two
    /// activations at a time (the dispose scope of the caller would otherwise keep every one until the chunk ends).
    /// The hidden layers run in <paramref name="type"/> (with bfloat16, matrix products accumulate in float32 in
    /// libtorch's CPU and CUDA kernels); the result comes back as float32.
    /// </summary>
    internal Tensor ForwardAfterFirstLayer(Tensor firstHidden, ScalarType type)
    {
        Tensor h = firstHidden;
        if (h.dtype != type)
        {
            // Casting before the first ReLU gives the same values (rounding keeps signs) and halves what it touches.
            h = firstHidden.to(type);
            firstHidden.Dispose();
        }

        Linear[] rest = [.. _layers.children().OfType<Linear>().Skip(1)];   // each but the output one followed by a ReLU
        if (rest.Length > 0)
        {
            h.relu_();   // the first layer's ReLU; with no hidden layers (hidden_list []) the first layer is the output
        }

        for (int i = 0; i < rest.Length; i++)
        {
            Tensor next = nn.functional.linear(h, rest[i].weight!.to(type), rest[i].bias?.to(type));
            h.Dispose();
            h = i < rest.Length - 1 ? next.relu_() : next;
        }

        return h.dtype == float32 ? h : h.to(float32);
    }
}
