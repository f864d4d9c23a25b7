namespace Liif.Inference;

/// <summary>
/// Upscales with a LIIF model. The LR image is cut into tiles of at most <see cref="TileSize"/>² pixels (one tile
/// for ordinary images). For each tile the encoder runs once on the tile plus a margin as wide as its receptive
/// field, so the latent codes equal those of the whole image; the output pixels belonging to the tile are then
/// queried in chunks of at most <see cref="MaxQueries"/> points, each chunk in its own dispose scope and copied
/// straight into the output. Peak memory is therefore set by the tile size and the chunk size, not by the input or
/// output size. The model's <see cref="DataNormalization"/> maps colours in and out.
/// </summary>
internal sealed class TiledLiifUpscaler : IUpscaler
{
    private readonly LiifModel _model;
    private readonly Device _device;
    private readonly DataNormalization _norm;
    private readonly Func<Tensor, LatentWindow, LatentWindow, ITileDecoder> _decoder;

    /// <param name="dataNorm">The model's data normalisation (<see cref="Storage.LoadedModel.DataNorm"/>); null: the default 0.5 / 0.5.</param>
    /// <param name="decoder">Makes each tile's decoder from its codes (feat, the window it covers, the window its queries
    /// fall in); null: the fast path, <see cref="LiifModel.ProjectLatents"/>. Tests and <c>bench</c> give the official
    /// <c>query_rgb</c> here (<see cref="Benchmarks.ReferenceTileDecoder"/>).</param>
    public TiledLiifUpscaler(LiifModel model, Device device, int maxQueries = DefaultMaxQueries, string name = "liif",
        DecoderPrecision precision = DecoderPrecision.Float32, int tileSize = DefaultTileSize, DataNormalization? dataNorm = null,
        Func<Tensor, LatentWindow, LatentWindow, ITileDecoder>? decoder = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSize, 1);
        _model = model;
        _device = device;
        MaxQueries = maxQueries;
        Name = name;
        TileSize = tileSize;
        _norm = dataNorm ?? DataNormalization.Default;
        ScalarType? hidden = precision == DecoderPrecision.BFloat16 ? bfloat16 : null;
        _decoder = decoder ?? ((feat, featWindow, keep) => model.ProjectLatents(feat, featWindow, keep, hidden));
        _model.to(device).eval();
    }

    /// <summary>The official test code's eval_bsize: the default chunk on the CPU.</summary>
    public const int DefaultMaxQueries = 30000;

    /// <summary>
    /// The default chunk on CUDA: large enough that a GPU is kept busy between the CPU's kernel launches, small
    /// enough that decoding a chunk (its four ensemble queries' activations) stays well under 1 GiB of device memory.
    /// </summary>
    public const int CudaDefaultMaxQueries = 65536;

    public static int DefaultMaxQueriesOn(Device device) => device.type == DeviceType.CUDA ? CudaDefaultMaxQueries : DefaultMaxQueries;

    /// <summary>LR tile side on the CPU: images up to 512×512 are encoded whole.</summary>
    public const int DefaultTileSize = 512;

    /// <summary>
    /// LR tile side on CUDA. Measured on an H100 (512×512 input, bf16 decoder, 65536 queries a chunk): tiles of 256
    /// hold the device memory at 522 MiB for x4 and for x8 alike, against about 1 GiB for 512 tiles, at the same speed.
    /// </summary>
    public const int CudaDefaultTileSize = 256;

    public static int DefaultTileSizeOn(Device device) => device.type == DeviceType.CUDA ? CudaDefaultTileSize : DefaultTileSize;

    public string Name { get; }

    public int MaxQueries { get; }

    public int TileSize { get; }

    public ImageU8 Upscale(ImageU8 rgb, int width, int height, IProgress<double>? progress = null)
    {
        var pixels = new byte[(long)width * height * 3];
        using var writer = new StagedImageWriter(pixels, width, _device);
        Decode(rgb, width, height, progress, writer.Write);
        writer.Flush();
        return new ImageU8(width, height, 3, pixels);
    }

    /// <summary>The unquantised prediction in [0, 1], row-major H×W×3: what validation scores, as the official code.</summary>
    internal float[] Predict(ImageU8 rgb, int width, int height)
    {
        var values = new float[(long)width * height * 3];
        Decode(rgb, width, height, null, (row, col, rows, cols, rgb01) =>
            StagedImageWriter.CopyChunk(rgb01.cpu().data<float>().ToArray(), 0, values, width, row, col, rows, cols));
        return values;
    }

    /// <summary>Receives the prediction for output rows row..row+rows, columns col..col+cols: rows·cols×3 in [0, 1].</summary>
    private delegate void ChunkSink(int row, int col, int rows, int cols, Tensor rgb01);

    private void Decode(ImageU8 rgb, int width, int height, IProgress<double>? progress, ChunkSink sink)
    {
        using var noGrad = no_grad();
        long done = 0, total = (long)width * height;
        int t = TileSize;
        for (int top = 0; top < rgb.Height; top += t)
        {
            for (int left = 0; left < rgb.Width; left += t)
            {
                var lrTile = new LatentWindow(rgb.Height, rgb.Width, top, left, Math.Min(t, rgb.Height - top), Math.Min(t, rgb.Width - left));
                done += DecodeTile(rgb, lrTile, width, height, sink, count => progress?.Report((double)(done + count) / total));
            }
        }
    }

    /// <summary>Fills the output pixels whose centres lie in <paramref name="lrTile"/>; returns their count.</summary>
    private long DecodeTile(ImageU8 rgb, LatentWindow lrTile, int width, int height, ChunkSink sink, Action<long> progress)
    {
        // Output rows/columns whose centre falls in the tile: centre (2i+1)/(2·out) of the way across.
        int rowStart = FirstOutputIndex(lrTile.Top, rgb.Height, height), rowEnd = FirstOutputIndex(lrTile.Bottom, rgb.Height, height);
        int colStart = FirstOutputIndex(lrTile.Left, rgb.Width, width), colEnd = FirstOutputIndex(lrTile.Right, rgb.Width, width);
        if (rowEnd <= rowStart || colEnd <= colStart)
        {
            return 0;
        }

        using ITileDecoder decoder = PrepareTile(rgb, lrTile);
        int rectWidth = colEnd - colStart;
        int rowsPerChunk = Math.Max(1, MaxQueries / rectWidth), colsPerChunk = Math.Min(rectWidth, MaxQueries);
        long count = 0;
        for (int row = rowStart; row < rowEnd; row += rowsPerChunk)
        {
            for (int col = colStart; col < colEnd; col += colsPerChunk)
            {
                int rows = Math.Min(rowsPerChunk, rowEnd - row), cols = Math.Min(colsPerChunk, colEnd - col);
                using var chunkScope = NewDisposeScope();
                Tensor[] grid = meshgrid([arange(row, row + rows, dtype: int64, device: _device), arange(col, col + cols, dtype: int64, device: _device)], indexing: "ij");
                Tensor coord = PixelCoordinates.Centers(stack(grid, -1).view(1, -1, 2), height, width);
                Tensor cell = PixelCoordinates.Cells(rows * cols, height, width, _device).unsqueeze(0);
                sink(row, col, rows, cols, _norm.DenormalizeOutput(decoder.QueryRgb(coord, cell), -1).clamp_(0, 1));

                count += (long)rows * cols;
                progress(count);
            }
        }

        return count;
    }

    /// <summary>The decoder of a tile's queries, from the codes around it (what it took to encode them is released).</summary>
    private ITileDecoder PrepareTile(ImageU8 rgb, LatentWindow lrTile)
    {
        using var scope = NewDisposeScope();
        // The ensemble reaches one code beyond the tile's output pixels, unfolding one more, the encoder its receptive field.
        LatentWindow keep = lrTile.Grow(2);
        LatentWindow featWindow = keep.Grow(1);
        LatentWindow input = featWindow.Grow(_model.Encoder.ReceptiveRadius);
        ImageU8 part = input.Height == rgb.Height && input.Width == rgb.Width
            ? rgb
            : rgb.Crop((int)input.Left, (int)input.Top, (int)input.Width, (int)input.Height);
        Tensor encoded = _model.Encode(_norm.NormalizeInput(ImageTensor.ToTensor(part).to(_device), 0).unsqueeze(0));
        long dy = featWindow.Top - input.Top, dx = featWindow.Left - input.Left;
        return _decoder(encoded[.., .., (int)dy..(int)(dy + featWindow.Height), (int)dx..(int)(dx + featWindow.Width)], featWindow, keep);
    }

    /// <summary>The first output index (of <paramref name="outSize"/>) whose centre lies at or beyond LR position <paramref name="lrIndex"/>.</summary>
    private static int FirstOutputIndex(long lrIndex, int lrSize, int outSize)
    {
        // centre of output i at (i + 0.5)/outSize of the way; LR boundary k at k/lrSize: first i with (i+0.5)·lrSize ≥ k·outSize.
        long i = (2 * lrIndex * outSize - lrSize + 2L * lrSize - 1) / (2L * lrSize);
        return (int)Math.Clamp(i, 0, outSize);
    }
}
