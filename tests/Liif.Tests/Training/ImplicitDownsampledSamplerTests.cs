namespace Liif.Tests.Training;

public sealed class ImplicitDownsampledSamplerTests
{
    /// <summary>An n×n image whose red channel encodes the row and green the column (step per pixel).</summary>
    private static ImageU8 PositionImage(int n, int step = 10)
    {
        var image = new ImageU8(n, n, 3);
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                int i = (r * n + c) * 3;
                image.Pixels[i] = (byte)(r * step);
                image.Pixels[i + 1] = (byte)(c * step);
                image.Pixels[i + 2] = 77;
            }
        }

        return image;
    }

    private static (int Row, int Col) PixelOf(float y, float x, int n) =>
        ((int)Math.Round(((y + 1) * n - 1) / 2), (int)Math.Round(((x + 1) * n - 1) / 2));

    [Fact]
    public void Queries_are_pixel_centres_of_the_crop_with_their_colours_and_cells()
    {
        // scale fixed at 2 and an image exactly the crop's size: the crop is the whole image.
        var sampler = new ImplicitDownsampledSampler(inpSize: 8, scaleMin: 2, scaleMax: 2, augment: false, sampleQ: 64);
        ImageU8 image = PositionImage(16);
        TrainingSample s = sampler.Sample(image, new DeterministicRandom(1));

        Assert.Equal(16, s.HrSize);
        Assert.Equal(3 * 8 * 8, s.Inp.Length);
        Assert.Equal(64 * 2, s.Coord.Length);
        Assert.Equal(64 * 3, s.Gt.Length);
        var seen = new HashSet<(int, int)>();
        for (int q = 0; q < 64; q++)
        {
            float y = s.Coord[2 * q], x = s.Coord[2 * q + 1];
            (int r, int c) = PixelOf(y, x, 16);
            Assert.Equal(-1 + (2 * r + 1) / 16f, y, 1e-6f);   // the official make_coord centre
            Assert.Equal(-1 + (2 * c + 1) / 16f, x, 1e-6f);
            Assert.True(seen.Add((r, c)), "queries are drawn without replacement");
            Assert.Equal((r * 10 / 255f - 0.5f) / 0.5f, s.Gt[3 * q], 1e-6f);
            Assert.Equal((c * 10 / 255f - 0.5f) / 0.5f, s.Gt[3 * q + 1], 1e-6f);
            Assert.Equal(2f / 16, s.Cell[2 * q], 1e-7f);
            Assert.Equal(2f / 16, s.Cell[2 * q + 1], 1e-7f);
        }

        // The LR input is Pillow's bicubic of the crop, normalised, CHW.
        ImageU8 lr = PilBicubicResize.Resize(image, 8, 8);
        for (int i = 0; i < 64; i++)
        {
            Assert.Equal((lr.Pixels[3 * i + 1] / 255f - 0.5f) / 0.5f, s.Inp[64 + i], 1e-6f);
        }
    }

    [Fact]
    public void Augmentation_moves_input_and_targets_together()
    {
        const int n = 32, m = 16;
        var sampler = new ImplicitDownsampledSampler(inpSize: m, scaleMin: 2, scaleMax: 2, augment: true, sampleQ: 256);
        ImageU8 image = PositionImage(n, step: 8);
        ImageU8 lr = PilBicubicResize.Resize(image, m, m);
        var seen = new HashSet<Flips>();
        for (int seed = 0; seed < 40; seed++)
        {
            TrainingSample s = sampler.Sample(image, new DeterministicRandom((ulong)seed));
            // Which source pixel landed where: read it off the colours (red = 8·row, green = 8·col).
            var moves = new List<((int R, int C) To, (int R, int C) From)>();
            for (int q = 0; q < 256; q++)
            {
                (int r, int c) = PixelOf(s.Coord[2 * q], s.Coord[2 * q + 1], n);
                int sr = (int)Math.Round((s.Gt[3 * q] * 0.5 + 0.5) * 255 / 8), sc = (int)Math.Round((s.Gt[3 * q + 1] * 0.5 + 0.5) * 255 / 8);
                moves.Add(((r, c), (sr, sc)));
            }

            Flips f = Assert.Single(Flips.All, f => moves.All(mv => f.Source(mv.To.R, mv.To.C, n) == mv.From));
            seen.Add(f);

            // The LR input went through the same flips.
            for (int r = 0; r < m; r++)
            {
                for (int c = 0; c < m; c++)
                {
                    (int sr, int sc) = f.Source(r, c, m);
                    Assert.Equal((lr.Pixels[(sr * m + sc) * 3] / 255f - 0.5f) / 0.5f, s.Inp[r * m + c], 1e-6f);
                }
            }
        }

        Assert.Equal(8, seen.Count); // all eight flip/transpose combinations occur
    }

    /// <summary>
    /// One of the official augmentations (flip rows, flip columns, transpose, in that order), as the map from an
    /// output pixel back to its source pixel.
    /// </summary>
    private readonly record struct Flips(bool Rows, bool Cols, bool Transpose)
    {
        public static IEnumerable<Flips> All =>
            from r in new[] { false, true } from c in new[] { false, true } from t in new[] { false, true } select new Flips(r, c, t);

        public (int, int) Source(int r, int c, int size)
        {
            if (Transpose)
            {
                (r, c) = (c, r);
            }

            return (Rows ? size - 1 - r : r, Cols ? size - 1 - c : c);
        }
    }

    [Fact]
    public void Batches_have_the_official_shapes_and_ranges_and_depend_only_on_seed_epoch_and_index()
    {
        using var data = new TinyTraining(images: 6, size: 40);
        var dataset = new ImageFolderDataset([data.DataDir], repeat: 3, minSide: 32);
        var sampler = new ImplicitDownsampledSampler(inpSize: 16, scaleMin: 1, scaleMax: 2, augment: true, sampleQ: 200);
        var loader = new BatchLoader(dataset, sampler.Sample, batchSize: 4, seed: 7, workers: 2);
        Assert.Equal(5, loader.BatchesPerEpoch); // 18 items: 4 full batches and one of 2

        TrainingBatch[] epoch = loader.Epoch(1, cancel: TestContext.Current.CancellationToken).ToArray();
        Assert.Equal(5, epoch.Length);
        Assert.Equal(2, epoch[^1].Size);
        using var scope = NewDisposeScope();
        Tensor[] fields = epoch[0].ToTensors(CPU);
        (Tensor inp, Tensor coord, Tensor cell, Tensor gt) = (fields[0], fields[1], fields[2], fields[3]);
        Assert.Equal([4L, 3, 16, 16], inp.shape);
        Assert.Equal([4L, 200, 2], coord.shape);
        Assert.Equal([4L, 200, 2], cell.shape);
        Assert.Equal([4L, 200, 3], gt.shape);
        foreach (Tensor t in new[] { inp, coord, gt })
        {
            Assert.True(t.min().item<float>() >= -1 && t.max().item<float>() <= 1);
        }

        // cells are 2/w_hr with 16 ≤ w_hr ≤ 32
        Assert.True(cell.min().item<float>() >= 2f / 32 - 1e-6 && cell.max().item<float>() <= 2f / 16 + 1e-6);

        // Deterministic: the same batch made again, on its own, is identical; another epoch differs.
        static TrainingSample Sample(TrainingBatch b, int i) => (TrainingSample)b.Samples[i];
        TrainingBatch again = loader.MakeBatch(1, 3);
        Assert.Equal(Sample(epoch[3], 1).Gt, Sample(again, 1).Gt);
        Assert.Equal(Sample(epoch[3], 1).Inp, Sample(again, 1).Inp);
        Assert.NotEqual(Sample(epoch[3], 1).Gt, Sample(loader.MakeBatch(2, 3), 1).Gt);
        TrainingBatch[] resumed = loader.Epoch(1, firstBatch: 2, cancel: TestContext.Current.CancellationToken).ToArray();
        Assert.Equal(3, resumed.Length);
        Assert.Equal(Sample(epoch[2], 0).Coord, Sample(resumed[0], 0).Coord);
    }

    [Fact]
    public void A_data_error_on_a_loader_thread_surfaces_in_the_consumer_as_itself()
    {
        using var data = new TinyTraining(images: 6, size: 40);
        var dataset = new ImageFolderDataset([data.DataDir], repeat: 2, minSide: 32);
        var sampler = new ImplicitDownsampledSampler(inpSize: 16, scaleMin: 1, scaleMax: 2, augment: false, sampleQ: 50);
        int calls = 0;
        IBatchSample Failing(ImageU8 image, DeterministicRandom rng) =>
            Interlocked.Increment(ref calls) > 6 ? throw new TrainingDataException("unreadable image") : sampler.Sample(image, rng);
        var loader = new BatchLoader(dataset, Failing, batchSize: 3, seed: 1, workers: 2);
        int batches = 0;
        var e = Assert.Throws<TrainingDataException>(() =>
        {
            foreach (TrainingBatch batch in loader.Epoch(1, cancel: TestContext.Current.CancellationToken))
            {
                batch.Dispose();
                batches++;
            }
        });
        Assert.Equal("unreadable image", e.Message);
        Assert.Equal(2, batches);
    }

    [Fact]
    public void Epoch_order_is_a_permutation_fixed_by_seed_and_epoch()
    {
        int[] a = BatchLoader.EpochOrder(3, 5, 100);
        Assert.Equal(Enumerable.Range(0, 100), a.Order());
        Assert.Equal(a, BatchLoader.EpochOrder(3, 5, 100));
        Assert.NotEqual(a, BatchLoader.EpochOrder(3, 6, 100));
        Assert.NotEqual(a, BatchLoader.EpochOrder(4, 5, 100));
    }
}
