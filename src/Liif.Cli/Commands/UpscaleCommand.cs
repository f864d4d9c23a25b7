using System.CommandLine;
using System.Diagnostics;
using Liif.Imaging;
using Liif.Inference;

namespace Liif.Cli.Commands;

/// <summary><c>liif upscale</c>: the main job. Any image, any scale or exact size, one model.</summary>
public static class UpscaleCommand
{
    private static readonly string[] s_outputExtensions = [".png", ".jpg", ".jpeg", ".webp"];

    public static Command Create()
    {
        var inputs = new Argument<string[]>("INPUT") { Description = "Image files or folders of images (PNG, JPEG, WebP, BMP).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Output file (one input only); its extension picks PNG, JPEG or WebP." };
        var outDir = new Option<string?>("--out-dir") { Description = "Output folder for one or many inputs; files keep their names." };
        var scale = new Option<string?>("--scale", "-s") { Description = "Scale factor: S (e.g. 3.7) or SxT (horizontal x vertical, e.g. 2x3)." };
        var size = new Option<string?>("--size") { Description = "Exact output size WxH in pixels, e.g. 1920x1080." };
        var model = new Option<string?>("--model", "-m") { Description = $"Model file: an official LIIF .pth, a liif model .safetensors, or 'bicubic'. Default: models/{DefaultModel.FileName}." };
        var inference = new InferenceOptions();
        var maxMegapixels = new Option<double>("--max-megapixels") { Description = "Refuse outputs (and inputs) larger than this many megapixels.", DefaultValueFactory = _ => 400 };

        var command = new Command("upscale", "Upscale images to any scale or size with a LIIF model.")
        {
            inputs, output, outDir, scale, size, model, maxMegapixels,
        };
        inference.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() => Run(new Request(
            parse.GetValue(inputs) ?? [],
            parse.GetValue(output),
            parse.GetValue(outDir),
            parse.GetValue(scale),
            parse.GetValue(size),
            parse.GetValue(model),
            parse.GetValue(maxMegapixels)),
            model => inference.Open(parse, model))));
        return command;
    }

    private sealed record Request(string[] Inputs, string? Output, string? OutDir, string? Scale, string? Size,
        string? Model, double MaxMegapixels);

    private static int Run(Request r, Func<string, IUpscaler> open)
    {
        if ((r.Output is null) == (r.OutDir is null))
        {
            throw new UsageException("give exactly one of -o/--output FILE or --out-dir DIR");
        }

        if ((r.Scale is null) == (r.Size is null))
        {
            throw new UsageException("give exactly one of --scale S|SxT or --size WxH");
        }

        if (!(r.MaxMegapixels > 0) || double.IsInfinity(r.MaxMegapixels))
        {
            throw new UsageException("--max-megapixels must be a positive number");
        }

        TargetSize target = r.Scale is not null ? TargetSize.ParseScale(r.Scale) : TargetSize.ParseSize(r.Size!);
        IReadOnlyList<string> files = ImageInputs.Expand(r.Inputs);
        if (r.Output is not null && files.Count != 1)
        {
            throw new UsageException($"-o/--output takes one input, got {files.Count} images: use --out-dir");
        }

        if (r.OutDir is not null && !Directory.Exists(r.OutDir))
        {
            throw new UsageException($"output folder '{r.OutDir}' does not exist");
        }

        if (r.Output is not null)
        {
            CheckOutputPath(r.Output);
            if (!File.Exists(files[0]))
            {
                throw new FileNotFoundException(null, files[0]);
            }
        }

        long maxPixels = (long)(r.MaxMegapixels * 1e6);
        ImageFile.MaxDecodePixels = maxPixels;
        IUpscaler upscaler = open(r.Model ?? DefaultModel.Resolve());

        int failures = 0;
        foreach (string file in files)
        {
            string destination = r.Output ?? Path.Combine(r.OutDir!, Path.GetFileName(file));
            if (files.Count == 1)
            {
                UpscaleOne(upscaler, file, destination, target, maxPixels);
                continue;
            }

            // In a batch, a bad image is reported in one line and the others still run.
            int code = CommandRunner.Run(() => UpscaleOne(upscaler, file, destination, target, maxPixels));
            failures += code == CommandRunner.Ok ? 0 : 1;
        }

        if (failures > 0)
        {
            Console.Error.WriteLine($"error: {failures} of {files.Count} images failed");
            return CommandRunner.Failed;
        }

        return CommandRunner.Ok;
    }

    private static int UpscaleOne(IUpscaler upscaler, string input, string destination, TargetSize target, long maxPixels)
    {
        CheckOutputPath(destination);
        ImageU8 image = ImageFile.Load(input);
        (int width, int height) = target.For(image.Width, image.Height);
        if ((long)width * height > maxPixels)
        {
            throw new UsageException($"output {width}x{height} ({(double)width * height / 1e6:0.#} MP) is above the {maxPixels / 1e6:0.#} MP limit (raise it with --max-megapixels)");
        }

        var clock = Stopwatch.StartNew();
        ImageU8 result = ConsoleProgress.Run($"{Path.GetFileName(input)} → {width}x{height}",
            progress => upscaler.UpscaleImage(image, width, height, progress));

        ImageFile.Save(result, destination);
        Console.WriteLine($"{input} ({image.Width}x{image.Height}) -> {destination} ({width}x{height}) in {clock.Elapsed.TotalSeconds:0.0} s");
        return CommandRunner.Ok;
    }

    private static void CheckOutputPath(string path)
    {
        if (!s_outputExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
        {
            throw new UsageException($"output '{path}': unsupported format (use .png, .jpg, .jpeg or .webp)");
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"output folder '{Path.GetDirectoryName(path)}' does not exist");
        }
    }
}
