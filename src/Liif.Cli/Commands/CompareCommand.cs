using System.Text;
using Liif.Comparison;

namespace Liif.Cli.Commands;

/// <summary>
/// <c>liif compare</c>: LIIF against bicubic and the fixed-scale baselines on given images, as a paper figure (one PNG
/// mosaic per image) and one self-contained HTML report, optionally with a benchmark table (<c>--eval-data</c>).
/// </summary>
internal static class CompareCommand
{
    public const string ReportFileName = "report.html";

    public static Command Create()
    {
        var inputs = new Argument<string[]>("IMAGE") { Description = "HR images (or folders of them); each is shrunk by --scale and upscaled back by every method.", Arity = ArgumentArity.OneOrMore };
        Option<double> scale = ParsedOptions.Of("--scale", ParseScale, "Scale factor (fixed-scale models must have been trained for it).", "-s");
        scale.DefaultValueFactory = _ => 4;
        Option<IReadOnlyList<(string? Name, string Model)>?> models = ParsedOptions.Of<IReadOnlyList<(string? Name, string Model)>?>("--models",
            ComparisonMethodList.Parse, "Methods, comma-separated: bicubic, NAME=FILE or FILE. Default: bicubic, models/srcnn_x4.safetensors, "
            + "models/srgan_x4.safetensors and the default LIIF model.", "-m");
        Option<CropRect?> crop = ParsedOptions.Of<CropRect?>("--crop", text => CropRect.Parse(text),
            "Region shown enlarged, x,y,w,h in HR pixels. Default: the window where LIIF differs most from bicubic.");
        var output = new Option<string>("--out-dir", "--out", "-o") { Description = "Output folder for NAME_xS.png mosaics and report.html (created if needed).", DefaultValueFactory = _ => "comparison" };
        Option<BenchmarkDataset[]> evalData = ParsedOptions.Many("--eval-data", BenchmarkDataset.Open,
            "Benchmark folder(s) (e.g. data/benchmark/Set5) for a mean PSNR/SSIM table in the report.");
        Option<int?> limit = ParsedOptions.WholeNumber("--limit", 1, "With --eval-data: only the first N images of each dataset.");
        Option<double> progressEvery = ParsedOptions.ProgressEvery();
        var inference = new InferenceOptions();

        var command = new Command("compare", "Compare LIIF with bicubic, SRCNN and SRGAN on images: paper-style mosaics and an HTML report.")
        {
            inputs, scale, models, crop, output, evalData, limit, progressEvery,
        };
        inference.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(signal => Run(
            parse.GetValue(inputs) ?? [], parse.GetValue(scale), parse.GetValue(models), parse.GetValue(crop),
            parse.GetValue(output)!, parse.GetValue(evalData) ?? [], parse.GetValue(limit),
            model => inference.Open(parse, model),
            new ConsoleProgress(signal.Token, TimeSpan.FromSeconds(parse.GetValue(progressEvery))), signal.Token)));
        return command;
    }

    private static int Run(string[] inputs, double scale, IReadOnlyList<(string? Name, string Model)>? models,
        CropRect? crop, string output, BenchmarkDataset[] evalData, int? limit, Func<string, IUpscaler> open,
        ConsoleProgress progress, CancellationToken stop)
    {
        if (UpscaleOutputs.Extensions.Contains(Path.GetExtension(output).ToLowerInvariant()) && !Directory.Exists(output))
        {
            // upscale's -o names a file; compare writes several, so its -o is always a folder and never silently becomes one named like an image.
            throw new UsageException($"-o '{output}' names an image file, but compare writes a folder (a mosaic per image and {ReportFileName}): give a folder, e.g. -o comparison/");
        }

        IReadOnlyList<string> files = ImageInputs.Expand(inputs);
        using CreatedFolders made = OutputFolders.Prepare(output, create: true);
        IReadOnlyList<ComparisonMethod> methods = ComparisonMethodList.Open(models, scale, open, line => Console.Error.WriteLine($"note: {line}"));
        var figures = new List<(ComparisonImage, byte[])>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            ImageU8 image = ImageFile.Load(file);
            string name = UniqueName(Path.GetFileNameWithoutExtension(file), usedNames);
            ComparisonImage result = progress.Run(name, new WorkAmount(methods.Count, "methods"), p => Comparer.Run(name, image, scale, methods, crop, p));
            byte[] png = MosaicRenderer.RenderPng(result);
            string path = Path.Combine(output, $"{name}_x{EvalScales.Format(scale)}.png");
            AtomicFile.Write(path, png, stop);
            figures.Add((result, png));
            Console.WriteLine($"{path}: " + string.Join(", ", result.Entries.Select(e =>
                string.Create(CultureInfo.InvariantCulture, $"{e.Label} {e.Psnr:F2} dB / {e.Ssim:F4}"))));
        }

        IReadOnlyList<(string Method, EvalReport Report)>? table = null;
        if (evalData.Length > 0)
        {
            table = progress.Run("benchmark table", new WorkAmount(methods.Count, "methods"), p => MethodScoreTables.Evaluate(methods, evalData,
                scale, limit, line => Console.WriteLine($"eval: {line}"), p));
        }

        string title = $"LIIF and fixed-scale baselines at x{EvalScales.Format(scale)}";
        string html = HtmlReport.Render(title, methods, figures, table);
        string report = Path.Combine(output, ReportFileName);
        AtomicFile.Write(report, Encoding.UTF8.GetBytes(html), stop);
        Console.WriteLine($"report: {report}");
        return CommandRunner.Ok;
    }

    private static double ParseScale(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 1 && double.IsFinite(s)
            ? s
            : throw new LiifException($"bad --scale '{text}' (a number above 1, e.g. 4)");

    private static string UniqueName(string name, HashSet<string> used)
    {
        string candidate = name;
        for (int i = 2; !used.Add(candidate); i++)
        {
            candidate = $"{name}-{i}";
        }

        return candidate;
    }
}
