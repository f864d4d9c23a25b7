using System.Text;

namespace Liif.Cli.Commands;

/// <summary>
/// <c>liif eval</c>: mean PSNR / SSIM of a model (or bicubic) on benchmark folders at several scales, with the
/// LR inputs made from the HR images as the published tables make them.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string[]>("--model", "-m")
        {
            Description = $"Model file (official LIIF .pth or liif .safetensors) or 'bicubic'; repeat to compare several in one table "
                + $"(each at the scales it can make). Default: models/{ShippedModel.FileName}.",
        };
        Option<BenchmarkDataset[]> data = ParsedOptions.Many("--data", BenchmarkDataset.Open,
            "A dataset folder of HR images (or one with an HR/ subfolder); repeat for several.", "-d");
        data.Required = true;
        Option<IReadOnlyList<double>?> scales = ParsedOptions.Of<IReadOnlyList<double>?>("--scales", EvalScales.Parse,
            "Comma-separated scales above 1, e.g. 2,3,4,6,8 or 2.5 (default: 2,3,4).");
        Option<EvalProtocol?> protocol = ParsedOptions.Protocol();
        Option<LrKernel?> lrKernel = ParsedOptions.Of<LrKernel?>("--lr-kernel", text => LrKernels.Parse(text),
            "How LR is made from HR: auto (the default: MATLAB bicubic for whole x2-x4, PIL bicubic otherwise), matlab or pil.");
        lrKernel.HelpName = "auto|matlab|pil";
        var json = new Option<string?>("--json") { Description = "Write the full report (per-image scores too) to this JSON file." };
        var markdown = new Option<string?>("--markdown") { Description = "Write the table to this Markdown file." };
        var plot = new Option<string?>("--plot")
        {
            Description = "Draw PSNR against scale to this PNG file: a line per model and dataset, the training scales (x1-x4) shaded.",
        };
        var inference = new InferenceOptions();
        var strict = new Option<bool>("--strict") { Description = "Fail on an unreadable image instead of skipping it." };
        Option<int?> limit = ParsedOptions.WholeNumber("--limit", 1, "Evaluate only the first N images of each dataset (quick checks; not comparable with full tables).");
        Option<double> progressEvery = ParsedOptions.ProgressEvery();

        var command = new Command("eval", "Evaluate a model on benchmark datasets: mean PSNR / SSIM per dataset and scale.")
        {
            model, data, scales, protocol, lrKernel, json, markdown, plot, strict, limit, progressEvery,
        };
        inference.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(signal => Run(
            parse.GetValue(model) ?? [],
            parse.GetValue(data) ?? [],
            parse.GetValue(scales) ?? [2, 3, 4],
            new EvalOptions
            {
                Protocol = parse.GetValue(protocol) ?? EvalProtocol.Benchmark,
                LrKernel = parse.GetValue(lrKernel) ?? LrKernel.Auto,
                Limit = parse.GetValue(limit),
                Strict = parse.GetValue(strict),
                OnSkipped = (dataset, skipped) =>
                    Console.Error.WriteLine($"warning: {dataset}: skipped {skipped.Name} ({skipped.Reason})"),
            },
            parse.GetValue(json),
            parse.GetValue(markdown),
            parse.GetValue(plot),
            model => inference.Open(parse, model),
            new ConsoleProgress(signal.Token, TimeSpan.FromSeconds(parse.GetValue(progressEvery))), signal.Token)));
        return command;
    }

    private static int Run(string[] models, BenchmarkDataset[] datasets, IReadOnlyList<double> scales,
        EvalOptions options, string? json, string? markdown, string? plot, Func<string, IUpscaler> open,
        ConsoleProgress progress, CancellationToken stop)
    {
        CheckOutputFolder(json, "--json");
        CheckOutputFolder(markdown, "--markdown");
        CheckOutputFolder(plot, "--plot");

        IUpscaler[] upscalers = (models.Length > 0 ? models : [DefaultModel.Resolve()]).Select(open).ToArray();
        if (upscalers.FirstOrDefault(u => !scales.Any(u.CanMake)) is IUpscaler unable)
        {
            throw new UsageException($"{unable.Name} cannot make any of the scales {string.Join(",", scales.Select(EvalScales.Format))} (a fixed-scale model makes only its own)");
        }

        var reports = new List<EvalReport>();
        foreach (IUpscaler upscaler in upscalers)
        {
            double[] own = scales.Where(upscaler.CanMake).ToArray();
            Console.WriteLine($"evaluating {upscaler.Name} on {string.Join(", ", datasets.Select(d => $"{d.Name} ({ImageCount(d, options.Limit)})"))} " +
                $"at {string.Join(", ", own.Select(s => "x" + EvalScales.Format(s)))}");
            long evaluations = datasets.Sum(d => (long)Math.Min(d.Files.Count, options.Limit ?? int.MaxValue)) * own.Length;
            EvalReport report = progress.Run($"evaluating {upscaler.Name}", new WorkAmount(evaluations, "evaluations"),
                p => new Evaluator(upscaler, options).Run(datasets, own, p));
            EvalTableView.Write(report);
            reports.Add(report);
        }

        if (reports.Count > 1)
        {
            Console.WriteLine();
            Console.Write(EvalMarkdown.Render(reports, scales));
        }

        void Write(string? path, Func<byte[]> content)
        {
            if (path is not null)
            {
                AtomicFile.Write(path, content(), stop);
                Console.WriteLine($"wrote {path}");
            }
        }

        Write(json, () => Encoding.UTF8.GetBytes(
            (reports.Count == 1 ? EvalJson.Serialize(reports[0]) : EvalJson.Serialize(reports)) + "\n"));
        Write(markdown, () => Encoding.UTF8.GetBytes(EvalMarkdown.Render(reports, scales)));
        Write(plot, () => ScaleCurvePlot.Png(reports));
        return CommandRunner.Ok;
    }

    /// <summary>"5 images", or "20 of 100 images" under --limit.</summary>
    private static string ImageCount(BenchmarkDataset dataset, int? limit) =>
        limit < dataset.Files.Count ? $"{limit} of {dataset.Files.Count} images" : $"{dataset.Files.Count} image{(dataset.Files.Count == 1 ? "" : "s")}";

    /// <summary>Fails before a long run, not after it, when an output's folder is missing or cannot be written.</summary>
    private static void CheckOutputFolder(string? path, string option)
    {
        if (path is null)
        {
            return;
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder) || Directory.Exists(path))
        {
            throw new UsageException($"{option} '{path}': {(Directory.Exists(path) ? "is a folder" : "its folder does not exist")}");
        }

        OutputFolders.PrepareFor(path);
    }
}
