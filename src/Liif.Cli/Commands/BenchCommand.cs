using System.Runtime.InteropServices;
using Liif.Benchmarks;
using Liif.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Cli.Commands;

/// <summary><c>liif bench</c>: reference vs fast path, side by side in one run, printed as a Markdown table.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        Option<Device> device = ParsedOptions.Device();
        Option<IReadOnlyList<int>?> sizes = ParsedOptions.Of<IReadOnlyList<int>?>("--sizes", text => WholeList(text, "--sizes", 4), "LR sizes for x4 inference, comma-separated (default: 128 on cpu, 256,512 on cuda).");
        Option<int> scale = ParsedOptions.WholeNumber("--scale", 1, 4, "Inference scale (whole).");
        Option<IReadOnlyList<int>?> maxQueries = ParsedOptions.Of<IReadOnlyList<int>?>("--max-queries", text => WholeList(text, "--max-queries", 1),
            $"Fast-path query chunk sizes to time, comma-separated (default: {TiledLiifUpscaler.DefaultMaxQueries} on cpu, {TiledLiifUpscaler.CudaDefaultMaxQueries} on cuda, as upscale).");
        Option<int?> tileSize = ParsedOptions.WholeNumber("--tile-size", 16, $"Fast path: LR tile side (default: {TiledLiifUpscaler.DefaultTileSize} on cpu, {TiledLiifUpscaler.CudaDefaultTileSize} on cuda, as upscale).");
        Option<int> repeats = ParsedOptions.WholeNumber("--repeat", 1, 3, "Timed repeats per measurement (median reported), after one warm-up.");
        var model = new Option<string?>("--model", "-m") { Description = "A LIIF model file; default: EDSR-baseline-LIIF with random weights (speed does not depend on the weights)." };
        // Capped: libtorch starts every thread asked for, and a typo such as 100000 would hang the machine.
        Option<int?> threads = ParsedOptions.WholeNumber("--threads", 1, "CPU intra-op threads, up to 1024 (default: libtorch's choice).", max: 1024);
        var noTrain = new Option<bool>("--no-train") { Description = "Skip the training-step rows." };
        Option<int> curveSteps = ParsedOptions.WholeNumber("--curve-steps", 0, 0, "Also train this many steps with the official path in fp32 and with each fast setting, from the same weights on the same batches, and print the loss curves side by side.");
        var curveData = new Option<string?>("--curve-data") { Description = "Image folder for --curve-steps batches (default: synthetic smooth-noise images)." };
        var loaderData = new Option<string[]>("--loader-data")
        {
            Description = "Also time the training data loader on these image folders (several after one --loader-data, e.g. a glob TRAIN/*): samples a second on one thread, batches of 16 a second with all cores.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("bench", "Time the official code's decoding path against the fast path (inference and a training step).")
        {
            device, sizes, scale, maxQueries, tileSize, repeats, model, threads, noTrain, curveSteps, curveData, loaderData,
        };
        command.SetAction(parse => CommandRunner.Run(() => Run(
            parse.GetValue(device)!, parse.GetValue(sizes), parse.GetValue(scale), parse.GetValue(maxQueries), parse.GetValue(tileSize), parse.GetValue(repeats), parse.GetValue(model), parse.GetValue(threads), parse.GetValue(noTrain),
            parse.GetValue(curveSteps), parse.GetValue(curveData), parse.GetValue(loaderData) ?? [])));
        return command;
    }

    private static int Run(Device device, IReadOnlyList<int>? sizesGiven, int scale, IReadOnlyList<int>? chunksGiven, int? tileSize, int repeats, string? modelPath, int? threads, bool noTrain, int curveSteps, string? curveData,
        string[] loaderData)
    {
        if (loaderData.FirstOrDefault(f => !Directory.Exists(f)) is string missing)
        {
            throw new UsageException($"--loader-data folder '{missing}' not found");
        }

        IReadOnlyList<ImageU8>? curveImages = curveSteps > 0 ? CurveImages(curveData) : null;
        if (threads is int t)
        {
            set_num_threads(t);
        }

        IReadOnlyList<int> sizes = sizesGiven ?? (device.type == DeviceType.CUDA ? [256, 512] : [128]);
        IReadOnlyList<int> chunks = chunksGiven ?? [TiledLiifUpscaler.DefaultMaxQueriesOn(device)];
        // Each size makes a (size·scale)² output: one above upscale's pixel limit is refused before any memory is taken.
        if (sizes.FirstOrDefault(s => Math.Pow((double)s * scale, 2) > ImageFile.DefaultMaxPixels) is int tooLarge and > 0)
        {
            long side = (long)tooLarge * scale;
            throw new UsageException($"--sizes {tooLarge} at x{scale} makes a {side}x{side} output, above the {ImageFile.DefaultMaxPixels / 1_000_000} MP limit");
        }

        LiifModel liif = LoadModel(modelPath);
        liif.to(device);
        var bench = new SpeedBenchmark(liif, device, repeats, tileSize ?? TiledLiifUpscaler.DefaultTileSizeOn(device));
        var rows = new List<SpeedRow>();
        foreach (int size in sizes)
        {
            Console.Error.WriteLine($"timing x{scale} inference from {size}x{size} ...");
            rows.AddRange(bench.Inference(size, scale, chunks));
        }

        if (!noTrain)
        {
            Console.Error.WriteLine("timing a training step ...");
            rows.AddRange(bench.TrainingStep(FastTrainingPrecisions(device)));
        }

        TrainingCurves? curves = null;
        if (curveImages is not null)
        {
            Console.Error.WriteLine($"training {curveSteps} steps per setting for the loss curves ...");
            curves = new TrainingCurveComparison(liif, device).Run(curveImages, curveSteps, FastTrainingPrecisions(device));
        }

        Console.WriteLine($"device: {Describe(device)}; model: {(modelPath is null ? "EDSR-baseline-LIIF (random weights)" : Path.GetFileName(modelPath))}; median of {repeats} after a warm-up");
        Console.WriteLine();
        string memory = device.type == DeviceType.CUDA ? "device memory added ref / fast" : "peak memory ref / fast";
        Console.WriteLine($"| work | reference path (official query_rgb) | fast path | speed-up | {memory} | outputs |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (SpeedRow r in rows)
        {
            Console.WriteLine($"| {r.Work} | {r.ReferenceMs:0} ms | {r.FastMs:0} ms | {r.Speedup:0.00}x | {Mib(r.ReferencePeakMiB)} / {Mib(r.FastPeakMiB)} | {r.Agreement} |");
        }

        if (device.type == DeviceType.CUDA)
        {
            Console.WriteLine();
            Console.WriteLine("Device memory added: what the measured work took on the GPU beyond what was held before it (CUDA driver, cuMemGetInfo,");
            Console.WriteLine("after emptying libtorch's cache; the caching allocator keeps blocks, so this is the work's peak as the card sees it).");
        }

        if (curves is not null)
        {
            PrintCurves(curves, curveData);
        }

        if (loaderData.Length > 0)
        {
            Console.Error.WriteLine("timing the training data loader ...");
            LoaderThroughput l = LoaderBenchmark.Measure(loaderData, batchSize: 16, workers: Environment.ProcessorCount, TimeSpan.FromSeconds(10));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Training data loader on {l.Data}, 48×48 inputs at scales U(1, 4) with 2304 queries: one thread makes {l.SamplesPerSecondOneThread:0} samples/s "
                + $"({l.SamplesPerSecondOneThread / l.BatchSize:0.0} batches of {l.BatchSize} a second per core); the loader with {l.Workers} workers delivers "
                + $"{l.BatchesPerSecond:0.0} batches of {l.BatchSize} a second."));
        }

        return CommandRunner.Ok;
    }

    /// <summary>The fast training settings worth timing here: TF32 only means something on CUDA, bf16 where it is native.</summary>
    private static TrainingPrecision[] FastTrainingPrecisions(Device device) => device.type == DeviceType.CUDA
        ? [TrainingPrecision.Float32, TrainingPrecision.TensorFloat32, TrainingPrecision.BFloat16]
        : CpuBFloat16Support.IsNative ? [TrainingPrecision.Float32, TrainingPrecision.BFloat16] : [TrainingPrecision.Float32];

    private static IReadOnlyList<ImageU8> CurveImages(string? folder)
    {
        if (folder is null)
        {
            return Enumerable.Range(0, 8).Select(i => SmoothNoiseImage.Create(256, i)).ToArray();
        }

        if (!Directory.Exists(folder))
        {
            throw new UsageException($"--curve-data folder '{folder}' not found");
        }

        var sampler = new ImplicitDownsampledSampler();
        ImageU8[] images = ImageFolder.List(folder).Select(file => ImageFile.Load(file))
            .Where(image => Math.Min(image.Width, image.Height) >= sampler.MinImageSide).ToArray();
        return images.Length > 0 ? images
            : throw new UsageException($"--curve-data folder '{folder}' has no image of at least {sampler.MinImageSide} px on its shorter side");
    }

    private static void PrintCurves(TrainingCurves curves, string? data)
    {
        Console.WriteLine();
        Console.WriteLine($"Training loss (L1) per step, same initial weights and batches ({data ?? "synthetic smooth-noise images"}; batch 16, 48×48, 2304 queries, Adam 1e-4):");
        Console.WriteLine();
        Console.WriteLine("| step | " + string.Join(" | ", curves.Settings) + " |");
        Console.WriteLine("|---|" + string.Concat(curves.Settings.Select(_ => "---|")));
        int steps = curves.Losses[0].Length;
        int every = Math.Max(1, steps / 10);
        for (int i = 0; i < steps; i++)
        {
            if (i == 0 || (i + 1) % every == 0 || i == steps - 1)
            {
                Console.WriteLine($"| {i + 1} | " + string.Join(" | ", curves.Losses.Select(l => l[i].ToString("0.00000", CultureInfo.InvariantCulture))) + " |");
            }
        }

        Console.WriteLine("| max relative difference from the official path | — | "
            + string.Join(" | ", Enumerable.Range(1, curves.Settings.Count - 1).Select(k => $"{100 * curves.MaxRelativeDifference(k):0.00} %")) + " |");
    }

    private static LiifModel LoadModel(string? path)
    {
        if (path is null)
        {
            manual_seed(0);
            return new LiifModel(new EdsrEncoder(), [256, 256, 256, 256]);
        }

        LoadedModel loaded = ModelLoader.Load(path);
        return loaded.Module as LiifModel ?? throw new UsageException($"'{path}' is not a LIIF model");
    }

    private static IReadOnlyList<int> WholeList(string text, string option, int min) => text
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min ? v : throw new LiifException($"bad value '{s}' in {option} (whole numbers of at least {min})"))
        .ToArray() is { Length: > 0 } values ? values : throw new LiifException($"{option} names no value");

    private static string Mib(double? mib) => mib is double m ? $"{m:0} MiB" : "n/a";

    private static string Describe(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            return $"cuda:{device.index}";
        }

        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "cpu"
            : RuntimeInformation.ProcessArchitecture.ToString();
        int threads = get_num_threads();
        return $"cpu ({cpu}), {Environment.ProcessorCount} cores, {threads} thread{(threads == 1 ? "" : "s")}";
    }
}
