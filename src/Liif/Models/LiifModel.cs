using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Liif.Models;

/// <summary>
/// Local Implicit Image Function (Chen, Liu &amp; Wang, CVPR 2021). The encoder turns the LR image into a grid of
/// latent codes; the RGB value at a continuous coordinate x_q is predicted by the MLP f_θ from the nearest latent
/// code z*, the relative coordinate x_q − v*, and (cell decoding) the query's cell size. With local ensemble the
/// predictions from the four codes around x_q are blended, each weighted by the area of the rectangle between x_q
/// and the diagonally opposite code. Feature unfolding concatenates each code with its 3×3 neighbours.
/// </summary>
public sealed class LiifModel : nn.Module<Tensor, Tensor, Tensor?, Tensor>
{
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
        int inDim = encoder.OutDim * (featUnfold ? 9 : 1) + 2 + (cellDecode ? 2 : 0);
        _imnet = new Mlp(inDim, 3, hiddenList);
        RegisterComponents();
    }

    public bool LocalEnsemble { get; }

    public bool FeatUnfold { get; }

    public bool CellDecode { get; }

    public Encoder Encoder => _encoder;

    public Mlp Imnet => _imnet;

    /// <summary>inp: B×3×h×w in [-1, 1]; coord, cell: B×Q×2 → RGB B×Q×3 in [-1, 1].</summary>
    public override Tensor forward(Tensor inp, Tensor coord, Tensor? cell)
    {
        using Tensor feat = Encode(inp);
        return QueryRgb(feat, coord, cell);
    }

    /// <summary>The latent codes: B×C×h×w (the official <c>gen_feat</c>).</summary>
    public Tensor Encode(Tensor inp) => _encoder.call(inp);

    /// <summary>
    /// Decodes RGB at continuous coordinates from encoded features: the same function as the official
    /// <c>query_rgb</c> (<see cref="QueryRgbReference"/>), computed faster (see <see cref="ProjectLatents"/>).
    /// </summary>
    /// <param name="feat">B×C×h×w from <see cref="Encode"/>.</param>
    /// <param name="coord">B×Q×2 query points (y, x) in [-1, 1].</param>
    /// <param name="cell">B×Q×2 cell sizes; required when cell decoding is on.</param>
    /// <param name="hiddenDtype">Run the MLP's hidden layers in this type (bfloat16 for speed), or float32 if null.</param>
    public Tensor QueryRgb(Tensor feat, Tensor coord, Tensor? cell, ScalarType? hiddenDtype = null)
    {
        var whole = LatentWindow.Whole(feat.shape[2], feat.shape[3]);
        using ProjectedLatents latents = ProjectLatents(feat, whole, whole, hiddenDtype);
        return QueryRgb(latents, coord, cell, hiddenDtype);
    }

    /// <summary>
    /// The MLP's first layer is linear in the (unfolded) latent code, so its feature part is computed once per latent
    /// code, as a convolution (unfold then linear == a 3×3 convolution with the same weights), and gathered per query
    /// by <see cref="QueryRgb(ProjectedLatents, Tensor, Tensor?, ScalarType?)"/> instead of being recomputed for each
    /// of the four ensemble queries of every output pixel.
    /// </summary>
    /// <param name="feat">B×C×fh×fw latent codes covering <paramref name="featWindow"/> of the whole latent grid.</param>
    /// <param name="featWindow">Where <paramref name="feat"/> lies in the whole grid.</param>
    /// <param name="keep">The part to keep, inside <paramref name="featWindow"/>; it must be at least one code away from
    /// the feature window's edges wherever those are not the grid's edges, so that unfolding sees true neighbours.</param>
    /// <param name="dtype">Keep the projected codes in this type (bfloat16 with a bfloat16 decoder: the first layer's
    /// activations are then made in bfloat16 directly, half the memory traffic of the gather), or float32 if null.</param>
    public ProjectedLatents ProjectLatents(Tensor feat, LatentWindow featWindow, LatentWindow keep, ScalarType? dtype = null)
    {
        using var scope = NewDisposeScope();
        long batch = feat.shape[0], channels = feat.shape[1];
        Tensor weight = _imnet.FirstLayer.weight!;                  // hidden × inDim: [feature | rel coord | rel cell]
        long hidden = weight.shape[0], featDim = channels * (FeatUnfold ? 9 : 1);
        int k = FeatUnfold ? 3 : 1;
        Tensor codeWeight = weight[.., ..(int)featDim].reshape(hidden, channels, k, k);
        Tensor projected = F.conv2d(feat, codeWeight, padding: [k / 2, k / 2]);   // B×hidden×fh×fw
        long top = keep.Top - featWindow.Top, left = keep.Left - featWindow.Left;
        Tensor kept = projected[.., .., (int)top..(int)(top + keep.Height), (int)left..(int)(left + keep.Width)]
            .permute(0, 2, 3, 1);                              // B×kh×kw×hidden view
        // One copy makes the codes contiguous (a strided view gathers ~6x slower, measured) and converts their type.
        Tensor values = empty(kept.shape, dtype: dtype ?? float32, device: feat.device).copy_(kept)
            .view(batch * keep.Height * keep.Width, hidden);
        return new ProjectedLatents(values.MoveToOuterDisposeScope(), batch, keep);
    }

    /// <summary>
    /// Queries per block when decoding on the CPU without gradients. A block's four ensemble queries make 4096 MLP
    /// rows, whose 256-wide activations (4 MiB in float32) stay in the CPU cache from layer to layer: measured on the
    /// 2-core CI machine, a 4096×256·256×256 product runs at 170 GFLOP/s (fp32) and 400 (bf16), a 120000-row one at
    /// 68 and 128. On CUDA, and while training, the whole chunk goes through at once.
    /// </summary>
    public const int CpuQueryBlock = 1024;

    /// <summary>Decodes RGB at continuous coordinates from projected latent codes (all queries must fall in its window).</summary>
    public Tensor QueryRgb(ProjectedLatents latents, Tensor coord, Tensor? cell, ScalarType? hiddenDtype = null)
    {
        if (CellDecode && cell is null)
        {
            throw new ArgumentException("this model decodes cells: a cell tensor is required", nameof(cell));
        }

        long q = coord.shape[1];
        int block = CpuQueryBlock;
        if (coord.device_type != DeviceType.CPU || is_grad_enabled() || q <= block)
        {
            return QueryRgbBlock(latents, coord, cell, hiddenDtype);
        }

        Tensor result = empty(coord.shape[0], q, 3, dtype: float32, device: coord.device);
        for (long start = 0; start < q; start += block)
        {
            using var blockScope = NewDisposeScope();
            long end = Math.Min(q, start + block);
            Tensor part = QueryRgbBlock(latents, coord[.., (int)start..(int)end], cell?[.., (int)start..(int)end], hiddenDtype);
            result[.., (int)start..(int)end].copy_(part);
        }

        return result;
    }

    private Tensor QueryRgbBlock(ProjectedLatents latents, Tensor coord, Tensor? cell, ScalarType? hiddenDtype)
    {
        using var scope = NewDisposeScope();
        LatentWindow window = latents.Window;
        long batch = latents.Batch, h = window.GridHeight, w = window.GridWidth, q = coord.shape[1];
        Tensor weight = _imnet.FirstLayer.weight!;
        long hidden = weight.shape[0], featDim = weight.shape[1] - 2 - (CellDecode ? 2 : 0);
        Device device = coord.device;
        Tensor latentSize = DeviceVector.Of(h, w, device);

        // The n ensemble members side by side (n = 4, or 1 without local ensemble), all in one pass: the query moved
        // by (vx·rx + ε, vy·ry + ε) for vx, vy ∈ {−1, 1} picks the code at that corner.
        (int[] steps, double epsShift) = LocalEnsemble ? (new[] { -1, 1 }, 1e-6) : (new[] { 0 }, 0.0);
        double rx = 2.0 / h / 2, ry = 2.0 / w / 2;
        float[] shiftValues = steps.SelectMany(vx => steps.SelectMany(vy => new[] { (float)(vx * rx + epsShift), (float)(vy * ry + epsShift) })).ToArray();
        int n = shiftValues.Length / 2;
        Tensor shifted = coord.unsqueeze(1).add(DeviceVector.Of(device, shiftValues).view(1, n, 1, 2))
            .clamp_(-1 + 1e-6, 1 - 1e-6);                                               // B×n×Q×2
        (Tensor row, Tensor col, Tensor qCoord) = NearestLatent(shifted, h, w);         // B×n×Q, B×n×Q, B×n×Q×2
        Tensor batchOffset = arange(batch, dtype: int64, device: device).mul_(window.Height * window.Width).view(batch, 1, 1);
        Tensor index = row.sub_(window.Top).mul_(window.Width).add_(col.sub_(window.Left)).add_(batchOffset).flatten();
        Tensor relCoord = coord.unsqueeze(1).sub(qCoord).mul_(latentSize);             // B×n×Q×2, in latent cells
        Tensor areas = relCoord[.., .., .., 0].mul(relCoord[.., .., .., 1]).abs_().add_(1e-9); // B×n×Q

        // The first layer for all members, (B·n·Q)×hidden: the gathered code part, plus its other inputs
        // [1 | relative coordinate | relative cell] times [bias | their weight columns], added in place by one
        // matrix product (one pass over the activations instead of one per term).
        Tensor others = relCoord.view(batch, n * q, 2);
        if (CellDecode)
        {
            Tensor relCell = cell!.mul(latentSize).unsqueeze(1).expand(batch, n, q, 2).reshape(batch, n * q, 2);
            others = cat([others, relCell], -1);
        }

        // In the type of the projected codes (bfloat16 ones make a bfloat16 first layer, accumulated in float32).
        ScalarType codeType = latents.Values.dtype;
        others = cat([ones(batch, n * q, 1, device: device), others], -1).view(batch * n * q, -1).to(codeType);
        Tensor otherWeight = cat([_imnet.FirstLayer.bias!.unsqueeze(0), weight[.., (int)featDim..].t()], 0).to(codeType);
        Tensor firstHidden;
        using (Tensor gathered = latents.Values.index_select(0, index))                 // (B·n·Q)×hidden
        using (Tensor summed = gathered.addmm_(others, otherWeight))
        {
            // The only handle left on these activations, so the MLP can release them once it has read them.
            firstHidden = summed.view(batch, n * q, hidden);
        }

        Tensor preds = _imnet.ForwardAfterFirstLayer(firstHidden, hiddenDtype).view(batch, n, q, 3);
        // Each member is weighted by the area of the rectangle between the query and the diagonally opposite
        // code: with the members in (−,−), (−,+), (+,−), (+,+) order that is the reversed list of areas.
        Tensor weights = (LocalEnsemble ? areas.flip(1) : areas).div(areas.sum(dim: 1, keepdim: true)).unsqueeze(-1);
        return preds.mul_(weights).sum(dim: 1).MoveToOuterDisposeScope();              // B×Q×3
    }

    /// <summary>
    /// Row, column and centre of the latent cell holding each point: what
    /// <c>grid_sample(mode='nearest', align_corners=False)</c> picks, i.e. round-half-even of ((p + 1)·n − 1)/2.
    /// </summary>
    private static (Tensor Row, Tensor Col, Tensor Center) NearestLatent(Tensor points, long h, long w)
    {
        Tensor size = DeviceVector.Of(h, w, points.device);
        Tensor cellRowCol = points.add(1).mul_(size).sub_(1).div_(2).round_();
        cellRowCol = minimum(cellRowCol.clamp_min_(0), size.sub(1));
        Tensor center = cellRowCol.mul(DeviceVector.Of(2f / h, 2f / w, points.device)).add_(DeviceVector.Of((float)(-1 + 1.0 / h), (float)(-1 + 1.0 / w), points.device));
        Tensor index = cellRowCol.to(int64);
        return (index.select(-1, 0), index.select(-1, 1), center);
    }

    /// <summary>The official <c>query_rgb</c>, line for line: the reference the fast path is tested against.</summary>
    public Tensor QueryRgbReference(Tensor feat, Tensor coord, Tensor? cell)
    {
        if (CellDecode && cell is null)
        {
            throw new ArgumentException("this model decodes cells: a cell tensor is required", nameof(cell));
        }

        using var scope = NewDisposeScope();
        long batch = feat.shape[0], h = feat.shape[2], w = feat.shape[3];
        if (FeatUnfold)
        {
            feat = F.unfold(feat, 3, padding: 1).view(batch, feat.shape[1] * 9, h, w);
        }

        (int[] shifts, double epsShift) = LocalEnsemble ? (new[] { -1, 1 }, 1e-6) : (new[] { 0 }, 0.0);
        double rx = 2.0 / h / 2, ry = 2.0 / w / 2;            // half a latent cell, in [-1, 1] units
        Tensor featCoord = PixelCoordinates.Grid(h, w, feat.device)
            .permute(2, 0, 1).unsqueeze(0).expand(batch, 2, h, w); // B×2×h×w: the position v of every code
        Tensor latentSize = DeviceVector.Of(h, w, feat.device);

        var preds = new List<Tensor>();
        var areas = new List<Tensor>();
        foreach (int vx in shifts)
        {
            foreach (int vy in shifts)
            {
                Tensor shift = DeviceVector.Of((float)(vx * rx + epsShift), (float)(vy * ry + epsShift), feat.device);
                Tensor shifted = coord.add(shift).clamp_(-1 + 1e-6, 1 - 1e-6);
                Tensor qFeat = SampleNearest(feat, shifted);           // B×Q×C'
                Tensor qCoord = SampleNearest(featCoord, shifted);     // B×Q×2
                Tensor relCoord = coord.sub(qCoord).mul_(latentSize); // in units of latent cells
                Tensor inp = cat([qFeat, relCoord], -1);
                if (CellDecode)
                {
                    inp = cat([inp, cell!.mul(latentSize)], -1);
                }

                long q = coord.shape[1];
                preds.Add(_imnet.call(inp.view(batch * q, -1)).view(batch, q, -1));
                areas.Add(relCoord[.., .., 0].mul(relCoord[.., .., 1]).abs_().add_(1e-9));
            }
        }

        Tensor totalArea = stack(areas).sum(dim: 0);
        if (LocalEnsemble)
        {
            // Each prediction is weighted by the area of the rectangle on the opposite side of the query.
            (areas[0], areas[3]) = (areas[3], areas[0]);
            (areas[1], areas[2]) = (areas[2], areas[1]);
        }

        Tensor ret = zeros_like(preds[0]);
        for (int i = 0; i < preds.Count; i++)
        {
            ret.add_(preds[i].mul(areas[i].div(totalArea).unsqueeze(-1)));
        }

        return ret.MoveToOuterDisposeScope();
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
