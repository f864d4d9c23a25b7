using System.Text.Json.Nodes;
using Liif.Models;

namespace Liif.Cli.Commands;

/// <summary>
/// <c>liif train</c>: trains a LIIF model from a YAML config (the official layout, see configs/), or continues a run
/// with <c>--resume RUN_DIR</c>. Ctrl-C or SIGTERM finishes the current step, saves the checkpoint and exits 130 or
/// 143 (<see cref="StopSignal"/>).
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "Training config (YAML), e.g. configs/train_edsr-baseline-liif.yaml." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its checkpoint.safetensors (with its saved config)." };
        var output = new Option<string?>("--out") { Description = "Run folder for config.yaml, checkpoint, model, log.csv and curve.png. Default: runs/CONFIG_NAME." };
        var set = new Option<string[]>("--set") { Description = "Override a config value: key.path=value (YAML value), e.g. optimizer.args.lr=2e-4. Repeatable." };
        var data = new Option<string[]>("--data") { Description = "Training image folder (replaces the config's; repeatable for several)." };
        var val = new Option<string?>("--val") { Description = "Validation image folder (whole images, PSNR at the config's scale, x4 by default)." };
        Option<int?> epochs = ParsedOptions.WholeNumber("--epochs", 1, "epoch_max: train until this epoch.");
        Option<int?> batchSize = ParsedOptions.WholeNumber("--batch-size", 1, "train_dataset.batch_size.");
        Option<string?> device = ParsedOptions.Of<string?>("--device", name => ComputeDevice.Parse(name) is not null ? name : null,
            $"Where to train: {ComputeDevice.Names} (CUDA when available). Default: the config's device (auto).");
        device.HelpName = "cpu|cuda|cuda:N|auto";
        Option<long?> seed = ParsedOptions.LongNumber("--seed", long.MinValue, "Seed of the model's initialisation and of every batch.");
        Option<int?> workers = ParsedOptions.WholeNumber("--workers", 1, "Data-loading threads.");
        Option<long?> maxIterations = ParsedOptions.LongNumber("--max-iterations", 1, "Stop (with a checkpoint) after this many steps in this invocation.");
        Option<double?> maxMinutes = ParsedOptions.PositiveNumber("--max-minutes", "Stop (with a checkpoint) after this many minutes in this invocation.");
        Option<double?> saveMinutes = ParsedOptions.PositiveNumber("--save-minutes", "Also save the checkpoint every this many minutes of this invocation (mid-epoch too).");
        var vgg = new Option<string?>("--vgg") { Description = "Fixed-scale baselines: a torchvision vgg19 state dict (.pth or .safetensors); trains with the VGG54 content loss (SRGAN-VGG54)." };
        Option<int> logEvery = ParsedOptions.WholeNumber("--log-every", 1, 10, "With redirected output: a log line every N iterations.");

        var command = new Command("train", "Train a LIIF model (official recipe: random crops, scales x1-x4, L1, Adam); resumable.\n" +
            "The paper's full run on DIV2K: liif train --config configs/train_edsr-baseline-liif.yaml --device cuda\n" +
            "(reads data/DIV2K/DIV2K_train_HR; 1000 epochs, lr halved at 200/400/600/800). See docs/training.md.\n" +
            "The fixed-scale baselines train the same way: configs/train_srcnn_x4.yaml, train_srresnet_x4.yaml, train_srgan_x4.yaml.")
        {
            config, resume, output, set, data, val, epochs, batchSize, device, seed, workers, maxIterations, maxMinutes, saveMinutes, vgg, logEvery,
        };
        command.SetAction(parse => CommandRunner.Run(signal => Train(new Request(
            parse.GetValue(config), parse.GetValue(resume), parse.GetValue(output), parse.GetValue(set) ?? [],
            parse.GetValue(data) ?? [], parse.GetValue(val), parse.GetValue(epochs), parse.GetValue(batchSize),
            parse.GetValue(device), parse.GetValue(seed), parse.GetValue(workers), parse.GetValue(maxIterations),
            parse.GetValue(maxMinutes), parse.GetValue(saveMinutes), parse.GetValue(vgg), parse.GetValue(logEvery)),
            signal),
            "finishing this step and saving the checkpoint", ErrorMessage.TrainingOutOfMemoryHint));
        return command;
    }

    private sealed record Request(string? Config, string? Resume, string? Out, string[] Set, string[] Data, string? Val,
        int? Epochs, int? BatchSize, string? Device, long? Seed, int? Workers, long? MaxIterations, double? MaxMinutes, double? SaveMinutes,
        string? Vgg, int LogEvery);

    private static int Train(Request r, StopSignal signal)
    {
        Validate(r);
        var budget = new TrainingBudget(r.MaxIterations, r.MaxMinutes, r.SaveMinutes);

        Func<ITrainingObserver, TrainingRun> open;
        if (r.Resume is not null)
        {
            string resume = r.Resume;
            if (r.Config is not null)
            {
                Console.WriteLine($"note: resuming with the run's saved config; {r.Config} is only checked to describe the same architecture");
            }

            ModelSpec? given = r.Config is null ? null : TrainConfig.Load(r.Config).Model;
            open = observer => TrainingRun.Resume(resume, observer, r.Epochs, r.Device, given, r.Workers);
        }
        else
        {
            TrainConfig config = LoadConfig(r);
            string runDir = r.Out ?? Path.Combine("runs", Path.GetFileNameWithoutExtension(r.Config!));
            open = observer => TrainingRun.Start(config, runDir, observer);
        }

        TrainingOutcome TrainWith(ITrainingObserver observer)
        {
            using TrainingRun run = open(observer);
            return run.Run(budget, signal.Token);
        }

        TrainingOutcome outcome = ConsoleProgress.Interactive
            ? TrainingProgressView.Show(budget, TrainWith)
            : TrainWith(new TrainingLogLines(Console.Out, r.LogEvery, budget));

        string psnr = outcome.LastValPsnr is double p ? string.Create(CultureInfo.InvariantCulture, $", last validation PSNR {p:F3} dB") : "";
        string how = outcome.Reason switch
        {
            TrainingEndReason.Completed => "done",
            TrainingEndReason.BudgetReached => "budget reached",
            _ => "interrupted",
        };
        Console.WriteLine($"{how}: {outcome.Iteration} iterations, {outcome.EpochsDone} epochs, {outcome.TrainingSeconds / 60:F1} min{psnr}");
        Console.WriteLine($"checkpoint: {outcome.CheckpointPath}");
        Console.WriteLine($"model:      {outcome.ModelPath}");
        return outcome.Reason == TrainingEndReason.Interrupted ? signal.ExitCode : CommandRunner.Ok;
    }

    private static void Validate(Request r)
    {
        if (r.Config is null && r.Resume is null)
        {
            throw new UsageException("give --config FILE for a new run, or --resume RUN_DIR to continue one");
        }

        if (r.Resume is not null)
        {
            var fixedByRun = new (string Flag, bool Given)[]
            {
                ("--out", r.Out is not null), ("--set", r.Set.Length > 0), ("--data", r.Data.Length > 0), ("--val", r.Val is not null),
                ("--batch-size", r.BatchSize is not null), ("--seed", r.Seed is not null), ("--vgg", r.Vgg is not null),
            };
            string[] given = fixedByRun.Where(f => f.Given).Select(f => f.Flag).ToArray();
            if (given.Length > 0)
            {
                throw new UsageException($"--resume continues the run with its saved config; {string.Join(", ", given)} cannot change it "
                    + "(only --epochs, --device, --workers, --max-iterations, --max-minutes and --save-minutes can)");
            }
        }
    }

    private static TrainConfig LoadConfig(Request r)
    {
        JsonObject tree = TrainConfig.ReadTree(r.Config!, r.Set);
        if (r.Val is not null && tree["val_dataset"] is null)
        {
            ConfigOverrides.Set(tree, "val_dataset.dataset.name", "image-folder");
            ConfigOverrides.Set(tree, "val_dataset.wrapper.name", "sr-downsampled-whole");
        }

        // The flags win over --set; a flag not given leaves its key alone.
        (string Key, JsonNode? Value)[] fromFlags =
        [
            ("epoch_max", r.Epochs), ("train_dataset.batch_size", r.BatchSize), ("device", r.Device?.Trim()), ("seed", r.Seed), ("workers", r.Workers),
            ("train_dataset.dataset.args.root_path", r.Data.Length > 0 ? new JsonArray([.. r.Data.Select(p => (JsonNode?)p)]) : null),
            ("val_dataset.dataset.args.root_path", r.Val),
        ];
        foreach ((string key, JsonNode? value) in fromFlags.Where(f => f.Value is not null))
        {
            ConfigOverrides.Set(tree, key, value);
        }

        TrainConfig config = TrainConfig.FromTree(tree);
        if (r.Vgg is null)
        {
            return config;
        }

        if (!config.IsFixedScale)
        {
            throw new UsageException("--vgg is the perceptual loss of the fixed-scale baselines (srresnet / SRGAN configs), not of LIIF");
        }

        if (!File.Exists(r.Vgg))
        {
            throw new UsageException($"--vgg: '{r.Vgg}' not found");
        }

        // The checked config with the VGG54 loss: what checking 'content_loss: vgg54' adds (a vgg file) is given here.
        return config with { ContentLoss = ContentLoss.Vgg54, Vgg = Path.GetFullPath(r.Vgg) };
    }
}
