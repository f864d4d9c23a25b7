namespace Liif.Models;

/// <summary>
/// Residual Dense Network (Zhang et al. 2018) without its upsampler, LIIF's larger encoder.
/// Config A: D=20 blocks, C=6 layers, G=32; config B (the paper's): D=16, C=8, G=64. G0 = 64, kernel 3.
/// </summary>
internal sealed class RdnEncoder : Encoder
{
    [ComponentName(Name = "SFENet1")]
    private readonly Conv2d _sfeNet1;
    [ComponentName(Name = "SFENet2")]
    private readonly Conv2d _sfeNet2;
    [ComponentName(Name = "RDBs")]
    private readonly ModuleList<ResidualDenseBlock> _rdbs;
    [ComponentName(Name = "GFF")]
    private readonly Sequential _gff;

    public RdnEncoder(int g0 = 64, int kernelSize = 3, string config = "B", int colors = 3) : base(nameof(RdnEncoder))
    {
        (int d, int c, int g) = config switch
        {
            "A" => (20, 6, 32),
            "B" => (16, 8, 64),
            _ => throw new ModelSpecException($"rdn: RDNconfig must be 'A' or 'B', got '{config}'"),
        };
        int pad = (kernelSize - 1) / 2;
        _sfeNet1 = nn.Conv2d(colors, g0, kernelSize, padding: pad);
        _sfeNet2 = nn.Conv2d(g0, g0, kernelSize, padding: pad);
        _rdbs = new ModuleList<ResidualDenseBlock>();
        for (int i = 0; i < d; i++)
        {
            _rdbs.Add(new ResidualDenseBlock(g0, g, c, kernelSize));
        }

        _gff = nn.Sequential(nn.Conv2d(d * g0, g0, 1), nn.Conv2d(g0, g0, kernelSize, padding: pad));
        OutDim = g0;
        ReceptiveRadius = (2 + d * c + 1) * pad;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor shallow = _sfeNet1.call(x);
        Tensor h = _sfeNet2.call(shallow);
        var blockOutputs = new List<Tensor>(_rdbs.Count);
        foreach (ResidualDenseBlock rdb in _rdbs)
        {
            h = rdb.call(h);
            blockOutputs.Add(h);
        }

        return _gff.call(cat(blockOutputs, 1)).add_(shallow).MoveToOuterDisposeScope();
    }
}

/// <summary>One RDN block: C densely connected conv layers, 1x1 local feature fusion, local residual.</summary>
internal sealed class ResidualDenseBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "convs")]
    private readonly Sequential _convs;
    [ComponentName(Name = "LFF")]
    private readonly Conv2d _lff;

    public ResidualDenseBlock(int growthBase, int growthRate, int layers, int kernelSize) : base(nameof(ResidualDenseBlock))
    {
        var convs = new List<nn.Module<Tensor, Tensor>>();
        for (int c = 0; c < layers; c++)
        {
            convs.Add(new DenseConvLayer(growthBase + c * growthRate, growthRate, kernelSize));
        }

        _convs = nn.Sequential(convs);
        _lff = nn.Conv2d(growthBase + layers * growthRate, growthBase, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using Tensor dense = _convs.call(x);
        using Tensor fused = _lff.call(dense);
        return fused.add(x);
    }
}

/// <summary>conv + ReLU whose output is concatenated to its input (RDN's RDB_Conv).</summary>
internal sealed class DenseConvLayer : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv")]
    private readonly Sequential _conv;

    public DenseConvLayer(int inChannels, int growthRate, int kernelSize) : base(nameof(DenseConvLayer))
    {
        _conv = nn.Sequential(nn.Conv2d(inChannels, growthRate, kernelSize, padding: (kernelSize - 1) / 2), nn.ReLU());
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using Tensor grown = _conv.call(x);
        return cat([x, grown], 1);
    }
}
