using System.Diagnostics;
using Liif.Evaluation;
using Liif.Imaging;
using Liif.Inference;
using Liif.Models;
using Liif.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Benchmarks;

/// <summary>One row of the speed table: the same work done by the reference path and by the fast path.</summary>
public sealed record SpeedRow(string Work, double ReferenceMs, double FastMs, double? ReferencePeakMiB, double? FastPeakMiB, string Agreement)
{
    public double Speedup => ReferenceMs / FastMs;
}

/// <summary>
/// Times the official code's literal decoding path against our fast path, side by side in one process, on the
/// same model and inputs: x4 inference from square LR images, and one training step (batch 16, 48×48 inputs, 2304
/// queries, L1, Adam). Medians over repeats after a warm-up.
/// </summary>
public sealed class SpeedBenchmark(LiifModel model, Device device, int repeats, int tileSize = LiifUpscaler.DefaultTileSize)
{
    /// <summary>
    /// Inference at a whole scale from a square LR image: the reference path, then the fast path in float32 and with
    /// a bfloat16 decoder for each query chunk size (the most output pixels decoded at once).
    /// </summary>
    public IReadOnlyList<SpeedRow> Inference(int lrSize, int scale, IReadOnlyList<int> chunkSizes)
    {
        ImageU8 lr = SmoothNoiseImage.Create(lrSize, lrSize);
        int outSize = lrSize * scale;
        var reference = new LiifUpscaler(model, device, LiifUpscaler.DefaultMaxQueries, tileSize: int.MaxValue, decoder: ReferenceTileDecoder.For(model));
        (double refMs, double? refPeak, ImageU8 refOut) = Time(() => reference.Upscale(lr, outSize, outSize));

        var rows = new List<SpeedRow>();
        foreach (int chunk in chunkSizes)
        {
            foreach (DecoderPrecision precision in new[] { DecoderPrecision.Float32, DecoderPrecision.BFloat16 })
            {
                var fast = new LiifUpscaler(model, device, chunk, precision: precision, tileSize: tileSize);
                (double fastMs, double? fastPeak, ImageU8 fastOut) = Time(() => fast.Upscale(lr, outSize, outSize));
                string label = (precision == DecoderPrecision.Float32 ? "fp32" : "bf16 decoder") + (chunkSizes.Count > 1 ? $", {chunk} queries a chunk" : "");
                rows.Add(new SpeedRow($"x{scale} inference {lrSize}→{outSize} ({label})", refMs, fastMs, refPeak, fastPeak, Agreement(refOut, fastOut, scale)));
            }
        }

        return rows;
    }

    private static string Agreement(ImageU8 reference, ImageU8 fast, int scale)
    {
        double psnr = PsnrMetric.Compute(fast, reference, scale, EvalProtocol.Div2k);
        int maxDiff = reference.Pixels.Zip(fast.Pixels, (a, b) => Math.Abs(a - b)).Max();
        return double.IsPositiveInfinity(psnr) ? "identical to reference" : $"max {maxDiff} grey, PSNR {psnr:0.0} dB vs reference";
    }

    /// <summary>
    /// One training step (batch 16, 48×48 inputs, 2304 queries, L1, Adam) on the official decoding path in float32,
    /// against our path in each of <paramref name="precisions"/>: one row per precision.
    /// </summary>
    public IReadOnlyList<SpeedRow> TrainingStep(IReadOnlyList<TrainingPrecision> precisions, int batch = 16, int inputSize = 48, int queries = 2304)
    {
        manual_seed(0);
        Tensor inp = rand(batch, 3, inputSize, inputSize, device: device).mul_(2).sub_(1);
        Tensor coord = rand(batch, queries, 2, device: device).mul_(2).sub_(1);
        Tensor cell = full(batch, queries, 2, 2.0f / (inputSize * 2.5f), device: device);
        Tensor gt = rand(batch, queries, 3, device: device).mul_(2).sub_(1);
        var optimizer = optim.Adam(model.parameters().Where(p => p.requires_grad), lr: 1e-4);
        model.train();
        float lastLoss = 0;
        Func<bool, TrainingPrecision, float> step = (reference, precision) =>
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor feat = model.Encode(inp);
            Tensor pred = reference ? model.QueryRgbReference(feat, coord, cell) : model.QueryRgb(feat, coord, cell, precision.DecoderDtype());
            Tensor loss = nn.functional.l1_loss(pred, gt);
            loss.backward();
            optimizer.step();
            return lastLoss = loss.item<float>();
        };

        // Same starting weights for every measurement: the optimiser changes them, so restore in between.
        using var start = new WeightSnapshot(model);
        TrainingPrecision.Float32.ApplyMatmulMode();
        (double refMs, double? refPeak, _) = Time(() => step(true, TrainingPrecision.Float32));
        float refLoss = lastLoss;
        var rows = new List<SpeedRow>();
        foreach (TrainingPrecision precision in precisions)
        {
            start.Restore();
            precision.ApplyMatmulMode();
            (double fastMs, double? fastPeak, _) = Time(() => step(false, precision));
            rows.Add(new SpeedRow($"training step ({precision.Name()}), batch {batch}, {inputSize}×{inputSize}, {queries} queries",
                refMs, fastMs, refPeak, fastPeak, $"loss {refLoss:0.0000} / {lastLoss:0.0000} after {repeats + 1} steps"));
        }

        TrainingPrecision.Float32.ApplyMatmulMode();
        start.Restore();
        model.eval();
        return rows;
    }

    private (double MedianMs, double? PeakMiB, T Last) Time<T>(Func<T> work)
    {
        T last = work(); // warm-up
        Synchronize();
        PeakMemory.Reset(device);
        var times = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            last = work();
            Synchronize();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], PeakMemory.ReadMiB(device), last);
    }

    private void Synchronize()
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize();
        }
    }
}
