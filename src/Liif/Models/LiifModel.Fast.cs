using F = TorchSharp.torch.nn.functional;

namespace Liif.Models;

/// <summary>
/// The fast decoder: the same function as <see cref="QueryRgbReference"/> (FastQueryTests, OfficialParityTests),
/// computed with the MLP's first layer factorised over latent codes and the ensemble members side by side.
/// </summary>
internal sealed partial class LiifModel
{
    /// <summary>
    /// Queries per block when decoding on the CPU without gradients. A block's four ensemble queries make 4096 MLP
    /// rows, whose 256-wide activations (4 MiB in float32) stay in the CPU cache from layer to layer: measured on the
    /// 2-core CI machine, a 4096×256·256×256 product runs at 170 GFLOP/s (fp32) and 400 (bf16), a 120000-row one at
    /// 68 and 128. On CUDA, and while training, the whole chunk goes through at once.
    /// </summary>
    public const int CpuQueryBlock = 1024;

    /// <summary>Decodes RGB at continuous coordinates from encoded features (the arguments of <see cref="QueryRgbReference"/>).</summary>
    /// <param name="dtype">Run the projected codes and the MLP's hidden layers in this type (bfloat16 for speed), or float32 if null.</param>
    public Tensor QueryRgb(Tensor feat, Tensor coord, Tensor? cell, ScalarType? dtype = null)
    {
        var whole = LatentWindow.Whole(feat.shape[2], feat.shape[3]);
        using ProjectedLatents latents = ProjectLatents(feat, whole, whole, dtype);
        return QueryRgb(latents, coord, cell);
    }

    /// <summary>
    /// The MLP's first layer is linear in the (unfolded) latent code, so its feature part is computed once per latent
    /// code, as a convolution (unfold then linear == a 3×3 convolution with the same weights), and gathered per query
    /// by <see cref="QueryRgb(ProjectedLatents, Tensor, Tensor?)"/> instead of being recomputed for each of the four
    /// ensemble queries of every output pixel.
    /// </summary>
    /// <param name="feat">B×C×fh×fw latent codes covering <paramref name="featWindow"/> of the whole latent grid.</param>
    /// <param name="featWindow">Where <paramref name="feat"/> lies in the whole grid.</param>
    /// <param name="keep">The part to keep, inside <paramref name="featWindow"/>; it must be at least one code away from
    /// the feature window's edges wherever those are not the grid's edges, so that unfolding sees true neighbours.</param>
    /// <param name="dtype">The type of the projected codes and of the hidden layers that decode them (bfloat16 makes the
    /// first layer's activations in bfloat16 directly, half the memory traffic of the gather), or float32 if null.</param>
    /// <returns>The projected codes, owned by the caller (in no dispose scope).</returns>
    public ProjectedLatents ProjectLatents(Tensor feat, LatentWindow featWindow, LatentWindow keep, ScalarType? dtype = null)
    {
        using var scope = NewDisposeScope();
        long batch = feat.shape[0], channels = feat.shape[1];
        int k = FeatUnfold ? 3 : 1;
        Tensor codeWeight = _imnet.SplitFirstLayer(FeatureDim).Feature;       // hidden × FeatureDim
        long hidden = codeWeight.shape[0];
        Tensor projected = F.conv2d(feat, codeWeight.reshape(hidden, channels, k, k), padding: [k / 2, k / 2]); // B×hidden×fh×fw
        long top = keep.Top - featWindow.Top, left = keep.Left - featWindow.Left;
        Tensor kept = projected[.., .., (int)top..(int)(top + keep.Height), (int)left..(int)(left + keep.Width)]
            .permute(0, 2, 3, 1);                              // B×kh×kw×hidden view
        // One copy makes the codes contiguous (a strided view gathers ~6x slower, measured) and converts their type.
        Tensor values = empty(kept.shape, dtype: dtype ?? float32, device: feat.device).copy_(kept)
            .view(batch * keep.Height * keep.Width, hidden);
        return new ProjectedLatents(this, values.DetachFromDisposeScope(), batch, keep);
    }

    /// <summary>Decodes RGB at continuous coordinates from projected latent codes (all queries must fall in its window).</summary>
    public Tensor QueryRgb(ProjectedLatents latents, Tensor coord, Tensor? cell)
    {
        RequireCell(cell);
        long q = coord.shape[1];
        int block = CpuQueryBlock;
        if (coord.device_type != DeviceType.CPU || is_grad_enabled() || q <= block)
        {
            return QueryRgbBlock(latents, coord, cell);
        }

        Tensor result = empty(coord.shape[0], q, 3, dtype: float32, device: coord.device);
        for (long start = 0; start < q; start += block)
        {
            using var blockScope = NewDisposeScope();
            long end = Math.Min(q, start + block);
            Tensor part = QueryRgbBlock(latents, coord[.., (int)start..(int)end], cell?[.., (int)start..(int)end]);
            result[.., (int)start..(int)end].copy_(part);
        }

        return result;
    }

    private Tensor QueryRgbBlock(ProjectedLatents latents, Tensor coord, Tensor? cell)
    {
        using var scope = NewDisposeScope();
        LatentWindow window = latents.Window;
        long batch = latents.Batch, h = window.GridHeight, w = window.GridWidth, q = coord.shape[1];
        Device device = coord.device;
        Tensor latentSize = DeviceVector.Of(device, h, w);

        // The n ensemble members side by side (n = 4, or 1 without local ensemble), all in one pass.
        (float Dy, float Dx)[] shifts = EnsembleShifts(h, w);
        int n = shifts.Length;
        Tensor shifted = coord.unsqueeze(1).add(DeviceVector.Of(device, [.. shifts.SelectMany(s => new[] { s.Dy, s.Dx })]).view(1, n, 1, 2))
            .clamp_(-1 + EnsembleEps, 1 - EnsembleEps);                                 // B×n×Q×2
        (Tensor row, Tensor col, Tensor qCoord) = NearestLatent(shifted, h, w);         // B×n×Q, B×n×Q, B×n×Q×2
        Tensor batchOffset = arange(batch, dtype: int64, device: device).mul_(window.Height * window.Width).view(batch, 1, 1);
        Tensor index = row.sub_(window.Top).mul_(window.Width).add_(col.sub_(window.Left)).add_(batchOffset).flatten();
        Tensor relCoord = coord.unsqueeze(1).sub(qCoord).mul_(latentSize);             // B×n×Q×2, in latent cells
        Tensor areas = relCoord[.., .., .., 0].mul(relCoord[.., .., .., 1]).abs_().add_(AreaEps); // B×n×Q

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
        Tensor otherWeight = _imnet.SplitFirstLayer(FeatureDim).Others.to(codeType);
        Tensor firstHidden;
        using (Tensor gathered = latents.Values.index_select(0, index))                 // (B·n·Q)×hidden
        using (Tensor summed = gathered.addmm_(others, otherWeight))
        {
            // The only handle left on these activations, so the MLP can release them once it has read them.
            firstHidden = summed.view(batch, n * q, -1);
        }

        Tensor preds = _imnet.ForwardAfterFirstLayer(firstHidden, codeType).view(batch, n, q, 3);
        // Each member is weighted by the area of the rectangle between the query and the diagonally opposite code:
        // the reversed list of areas.
        Tensor weights = (LocalEnsemble ? areas.flip(1) : areas).div(areas.sum(dim: 1, keepdim: true)).unsqueeze(-1);
        return preds.mul_(weights).sum(dim: 1).MoveToOuterDisposeScope();              // B×Q×3
    }

    /// <summary>
    /// Row, column and centre of the latent cell holding each point: what
    /// <c>grid_sample(mode='nearest', align_corners=False)</c> picks, i.e. round-half-even of ((p + 1)·n − 1)/2, and
    /// the centre computed as <c>make_coord</c> does (−1 + 1/n + i·2/n, in float32), bit for bit, so that a query on a
    /// centre (x1, downscaling) gets a relative coordinate of exactly 0, as in the official code.
    /// </summary>
    private static (Tensor Row, Tensor Col, Tensor Center) NearestLatent(Tensor points, long h, long w)
    {
        Tensor size = DeviceVector.Of(points.device, h, w);
        Tensor cellRowCol = points.add(1).mul_(size).sub_(1).div_(2).round_();
        cellRowCol = minimum(cellRowCol.clamp_min_(0), size.sub(1));
        Tensor index = cellRowCol.to(int64);
        return (index.select(-1, 0), index.select(-1, 1), PixelCoordinates.Centers(cellRowCol, h, w));
    }
}
