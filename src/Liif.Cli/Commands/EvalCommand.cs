using System.CommandLine;
using System.Text;
using Liif.Evaluation;
using Liif.Inference;
using Liif.Storage;

namespace Liif.Cli.Commands;

/// <summary>
/// <c>liif eval</c>: mean PSNR / SSIM of a model (or bicubic) on benchmark folders at several scales, with the
/// LR inputs made from the HR images as the published tables make them.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string[]>("--model", "-m")
        {
            Description = $"Model file (official LIIF .pth or liif .safetensors) or 'bicubic'; repeat to compare several in one table "
                + $"(each at the scales it can make). Default: models/{DefaultModel.FileName}.",
        };
        var data = new Option<string[]>("--data", "-d") { Description = "A dataset folder of HR images (or one with an HR/ subfolder); repeat for several.", Required = true };
        var scales = new Option<string>("--scales") { Description = "Comma-separated scales above 1, e.g. 2,3,4,6,8 or 2.5.", DefaultValueFactory = _ => "2,3,4" };
        var protocol = new Option<string>("--protocol") { Description = "benchmark (Y channel, shave scale) or div2k (PSNR on RGB, shave scale + 6).", DefaultValueFactory = _ => "benchmark" };
        var lrKernel = new Option<string>("--lr-kernel") { Description = "How LR is made from HR: auto (MATLAB bicubic for whole x2-x4, PIL bicubic otherwise), matlab or pil.", DefaultValueFactory = _ => "auto" };
        var json = new Option<string?>("--json") { Description = "Write the full report (per-image scores too) to this JSON file." };
        var markdown = new Option<string?>("--markdown") { Description = "Write the table to this Markdown file." };
        var inference = new InferenceOptions();
        var strict = new Option<bool>("--strict") { Description = "Fail on an unreadable image instead of skipping it." };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N images of each dataset (quick checks; not comparable with full tables)." };

        var command = new Command("eval", "Evaluate a model on benchmark datasets: mean PSNR / SSIM per dataset and scale.")
        {
            model, data, scales, protocol, lrKernel, json, markdown, strict, limit,
        };
        inference.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() => Run(new Request(
            parse.GetValue(model) ?? [],
            parse.GetValue(data) ?? [],
            parse.GetValue(scales)!,
            parse.GetValue(protocol)!,
            parse.GetValue(lrKernel)!,
            parse.GetValue(json),
            parse.GetValue(markdown),
            parse.GetValue(strict),
            parse.GetValue(limit)),
            model => inference.Open(parse, model))));
        return command;
    }

    private sealed record Request(string[] Models, string[] Data, string Scales, string Protocol, string LrKernel,
        string? Json, string? Markdown, bool Strict, int? Limit);

    private static int Run(Request r, Func<string, IUpscaler> open)
    {
        IReadOnlyList<double> scales = EvalScales.Parse(r.Scales);
        var options = new EvalOptions
        {
            Protocol = EvalProtocols.Parse(r.Protocol),
            LrKernel = LrKernels.Parse(r.LrKernel),
            Limit = r.Limit is < 1 ? throw new UsageException("--limit must be at least 1") : r.Limit,
            Strict = r.Strict,
            OnSkipped = (dataset, skipped) => Console.Error.WriteLine($"warning: {dataset}: skipped {skipped.Name} ({skipped.Reason})"),
        };
        CheckOutputFolder(r.Json, "--json");
        CheckOutputFolder(r.Markdown, "--markdown");
        BenchmarkDataset[] datasets = r.Data.Select(BenchmarkDataset.Open).ToArray();
        string[] models = r.Models.Length > 0 ? r.Models : [DefaultModel.Resolve()];
        IUpscaler[] upscalers = models.Select(open).ToArray();
        if (upscalers.FirstOrDefault(u => !scales.Any(u.CanMake)) is IUpscaler unable)
        {
            throw new UsageException($"{unable.Name} cannot make any of the scales {r.Scales} (a fixed-scale model makes only its own)");
        }

        var reports = new List<EvalReport>();
        foreach (IUpscaler upscaler in upscalers)
        {
            double[] own = scales.Where(upscaler.CanMake).ToArray();
            Console.WriteLine($"evaluating {upscaler.Name} on {string.Join(", ", datasets.Select(d => $"{d.Name} ({d.Files.Count} images)"))} " +
                $"at {string.Join(", ", own.Select(s => "x" + EvalScales.Format(s)))}");
            EvalReport report = ConsoleProgress.Run("evaluating", progress => new Evaluator(upscaler, options).Run(datasets, own, progress));
            EvalTableView.Write(report);
            reports.Add(report);
        }

        if (reports.Count > 1)
        {
            Console.WriteLine();
            Console.Write(EvalComparisonMarkdown.Render(reports, scales));
        }

        if (r.Json is not null)
        {
            string text = reports.Count == 1 ? EvalJson.Serialize(reports[0]) : EvalJson.SerializeValue(reports);
            AtomicFile.Write(r.Json, s => s.Write(Encoding.UTF8.GetBytes(text + "\n")));
            Console.WriteLine($"wrote {r.Json}");
        }

        if (r.Markdown is not null)
        {
            string text = reports.Count == 1 ? EvalMarkdown.Render(reports[0]) : EvalComparisonMarkdown.Render(reports, scales);
            AtomicFile.Write(r.Markdown, s => s.Write(Encoding.UTF8.GetBytes(text)));
            Console.WriteLine($"wrote {r.Markdown}");
        }

        return CommandRunner.Ok;
    }

    /// <summary>Fails before a long run, not after it, when an output's folder is missing.</summary>
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
    }
}
