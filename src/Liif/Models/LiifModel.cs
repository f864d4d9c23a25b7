using F = TorchSharp.torch.nn.functional;

namespace Liif.Models;

/// <summary>
/// Local Implicit Image Function (Chen, Liu &amp; Wang, CVPR 2021), as the official <c>liif.py</c>. The encoder turns
/// the LR image into a grid of latent codes; the RGB value at a continuous coordinate x_q is predicted by the MLP f_θ
/// from the nearest latent code z*, the relative coordinate x_q − v*, and (cell decoding) the query's cell size. With
/// local ensemble the predictions from the four codes around x_q are blended, each weighted by the area of the
/// rectangle between x_q and the diagonally opposite code. Feature unfolding concatenates each code with its 3×3
/// neighbours. This file is the literal model; the fast decoder is in LiifModel.Fast.cs, tested against it.
/// </summary>
internal sealed partial class LiifModel : nn.Module<Tensor, Tensor, Tensor?, Tensor>
{
    /// <summary>The official <c>eps_shift</c>, also the margin that keeps shifted queries inside (−1, 1).</summary>
    public const double EnsembleEps = 1e-6;

    /// <summary>Added to every ensemble area, as the official code does, so weights exist where all areas are 0.</summary>
    public const double AreaEps = 1e-9;

    [ComponentName(Name = "encoder")]
    private readonly Encoder _encoder;
    [ComponentName(Name = "imnet")]
    private readonly Mlp _imnet;

    public LiifModel(Encoder encoder, IReadOnlyList<int> hiddenList, bool localEnsemble = true,
        bool featUnfold = true, bool cellDecode = true) : base(nameof(LiifModel))
    {
        _encoder = encoder;
        LocalEnsemble = localEnsemble;
        FeatUnfold = featUnfold;
        CellDecode = cellDecode;
        FeatureDim = encoder.OutDim * (featUnfold ? 9 : 1);
        _imnet = new Mlp(FeatureDim + 2 + (cellDecode ? 2 : 0), 3, hiddenList);  // [feature | rel coord | rel cell]
        RegisterComponents();
    }

    public bool LocalEnsemble { get; }

    public bool FeatUnfold { get; }

    public bool CellDecode { get; }

    /// <summary>Width of the (unfolded) latent code: the first columns of the MLP's input.</summary>
    public int FeatureDim { get; }

    public Encoder Encoder => _encoder;

    public Mlp Imnet => _imnet;

    /// <summary>The latent codes: B×C×h×w (the official <c>gen_feat</c>).</summary>
    public Tensor Encode(Tensor inp) => _encoder.call(inp);

    /// <summary>inp: B×3×h×w, normalised; coord, cell: B×Q×2 → RGB B×Q×3, normalised.</summary>
    public override Tensor forward(Tensor inp, Tensor coord, Tensor? cell)
    {
        using Tensor feat = Encode(inp);
        return QueryRgb(feat, coord, cell);
    }

    /// <summary>The official <c>query_rgb</c>, line for line: the reference the fast path is tested against.</summary>
    /// <param name="feat">B×C×h×w from <see cref="Encode"/>.</param>
    /// <param name="coord">B×Q×2 query points (y, x) in [-1, 1].</param>
    /// <param name="cell">B×Q×2 cell sizes; required when cell decoding is on.</param>
    public Tensor QueryRgbReference(Tensor feat, Tensor coord, Tensor? cell)
    {
        RequireCell(cell);
        using var scope = NewDisposeScope();
        long batch = feat.shape[0], h = feat.shape[2], w = feat.shape[3], q = coord.shape[1];
        if (FeatUnfold)
        {
            feat = F.unfold(feat, 3, padding: 1).view(batch, feat.shape[1] * 9, h, w);
        }

        Tensor featCoord = PixelCoordinates.Grid(h, w, feat.device)
            .permute(2, 0, 1).unsqueeze(0).expand(batch, 2, h, w); // B×2×h×w: the position v of every code
        Tensor latentSize = DeviceVector.Of(feat.device, h, w);

        var preds = new List<Tensor>();
        var areas = new List<Tensor>();
        foreach ((float dy, float dx) in EnsembleShifts(h, w))
        {
            Tensor shifted = coord.add(DeviceVector.Of(feat.device, dy, dx)).clamp_(-1 + EnsembleEps, 1 - EnsembleEps);
            Tensor qFeat = SampleNearest(feat, shifted);           // B×Q×C'
            Tensor qCoord = SampleNearest(featCoord, shifted);     // B×Q×2
            Tensor relCoord = coord.sub(qCoord).mul_(latentSize); // in units of latent cells
            Tensor inp = cat([qFeat, relCoord], -1);
            if (CellDecode)
            {
                inp = cat([inp, cell!.mul(latentSize)], -1);
            }

            preds.Add(_imnet.call(inp.view(batch * q, -1)).view(batch, q, -1));
            areas.Add(relCoord[.., .., 0].mul(relCoord[.., .., 1]).abs_().add_(AreaEps));
        }

        Tensor totalArea = stack(areas).sum(dim: 0);
        if (LocalEnsemble)
        {
            areas.Reverse();   // each prediction is weighted by the area of the rectangle on the opposite side
        }

        Tensor ret = zeros_like(preds[0]);
        for (int i = 0; i < preds.Count; i++)
        {
            ret.add_(preds[i].mul(areas[i].div(totalArea).unsqueeze(-1)));
        }

        return ret.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The shifts (vx·rx + ε, vy·ry + ε), vx, vy ∈ {−1, 1}, that move a query into the cell of each ensemble member, in
    /// the official order (−,−), (−,+), (+,−), (+,+): reversed, the list pairs each member with the opposite one. One
    /// zero shift without local ensemble. rx, ry: half a latent cell in [-1, 1] units.
    /// </summary>
    private (float Dy, float Dx)[] EnsembleShifts(long h, long w)
    {
        double rx = 2.0 / h / 2, ry = 2.0 / w / 2;
        int[] steps = LocalEnsemble ? [-1, 1] : [0];
        double eps = LocalEnsemble ? EnsembleEps : 0;
        return [.. steps.SelectMany(vx => steps.Select(vy => ((float)(vx * rx + eps), (float)(vy * ry + eps))))];
    }

    private void RequireCell(Tensor? cell)
    {
        if (CellDecode && cell is null)
        {
            throw new ArgumentException("this model decodes cells: a cell tensor is required", nameof(cell));
        }
    }

    /// <summary>Values of <paramref name="grid"/> (B×C×h×w) at the latent cells containing each point: B×Q×C.</summary>
    private static Tensor SampleNearest(Tensor grid, Tensor points)
    {
        // grid_sample wants (x, y) order and a B×1×Q×2 grid.
        using Tensor xy = points.flip(-1).unsqueeze(1);
        using Tensor sampled = F.grid_sample(grid, xy, GridSampleMode.Nearest, GridSamplePaddingMode.Zeros, align_corners: false);
        return sampled[.., .., 0, ..].permute(0, 2, 1);
    }
}
