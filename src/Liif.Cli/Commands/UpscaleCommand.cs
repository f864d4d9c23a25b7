using System.Diagnostics;
using SkiaSharp;

namespace Liif.Cli.Commands;

/// <summary><c>liif upscale</c>: the main job. Any image, any scale or exact size, one model.</summary>
internal static class UpscaleCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("INPUT") { Description = $"Image files or folders of images ({string.Join(", ", ImageFolder.Extensions)}).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Output file for one input (its extension picks PNG, JPEG or WebP), or a folder, as --out-dir: a path ending in '/', an existing folder, or any path given for several inputs.",
        };
        var outDir = new Option<string?>("--out-dir") { Description = "Output folder (created if missing); outputs are named after their inputs." };
        var suffix = new Option<string?>("--suffix") { Description = "Added to output names in a folder, e.g. --suffix _x4 writes photo_x4.png." };
        Option<OutputFormat?> format = ParsedOptions.Of<OutputFormat?>("--format", text => OutputFormat.Parse(text, "--format"),
            "Format of outputs in a folder: png, jpg or webp. Default: the input's format when it is PNG, JPEG or WebP, else png.");
        format.HelpName = "png|jpg|webp";
        Option<int> quality = ParsedOptions.WholeNumber("--quality", 1, 95, "JPEG and WebP quality, 1-100 (WebP at 100 is lossless).", max: 100);
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace outputs that exist; without it they are skipped with a note. Inputs are never overwritten." };
        Option<TargetSize?> scale = ParsedOptions.Of<TargetSize?>("--scale", TargetSize.ParseScale, "Scale factor: S (e.g. 3.7) or SxT (horizontal x vertical, e.g. 2x3).", "-s");
        Option<TargetSize?> size = ParsedOptions.Of<TargetSize?>("--size", TargetSize.ParseSize, "Exact output size WxH in pixels, e.g. 1920x1080.");
        var model = new Option<string?>("--model", "-m") { Description = $"Model file: an official LIIF .pth, a liif model .safetensors, or 'bicubic'. Default: models/{ShippedModel.FileName}." };
        var inference = new InferenceOptions();
        Option<double> maxMegapixels = ParsedOptions.PositiveNumber("--max-megapixels", OutputLimit.DefaultMegapixels, "Refuse outputs (and inputs) larger than this many megapixels.");
        Option<double> progressEvery = ParsedOptions.ProgressEvery();

        var command = new Command("upscale", "Upscale images to any scale or size with a LIIF model.")
        {
            inputs, output, outDir, suffix, format, quality, overwrite, scale, size, model, maxMegapixels, progressEvery,
        };
        inference.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetResult(output) is null) == (result.GetResult(outDir) is null))
            {
                result.AddError("give exactly one of -o/--output PATH or --out-dir DIR");
            }
            else if ((result.GetResult(scale) is null) == (result.GetResult(size) is null))
            {
                result.AddError("give exactly one of --scale S|SxT or --size WxH");
            }
        });
        command.SetAction(parse => CommandRunner.Run(signal => Run(
            parse.GetValue(inputs) ?? [], parse.GetValue(output), parse.GetValue(outDir), parse.GetValue(suffix),
            parse.GetValue(format)?.Extension, parse.GetValue(quality), parse.GetValue(overwrite),
            (parse.GetValue(scale) ?? parse.GetValue(size))!, parse.GetValue(model),
            (long)(parse.GetValue(maxMegapixels) * 1e6), model => inference.Open(parse, model),
            new ConsoleProgress(signal.Token, TimeSpan.FromSeconds(parse.GetValue(progressEvery))), signal.Token)));
        return command;
    }

    private static int Run(string[] inputs, string? output, string? outDir, string? suffix, string? format,
        int quality, bool overwrite, TargetSize target, string? model, long maxPixels, Func<string, IUpscaler> open,
        ConsoleProgress progress, CancellationToken stop)
    {
        IReadOnlyList<string> files = ImageInputs.Expand(inputs);
        bool batch = files.Count > 1 || inputs.Any(Directory.Exists);
        UpscalePlan plan = UpscaleOutputs.Plan(files, batch, output, outDir, suffix, format, overwrite);
        if (!batch && !File.Exists(files[0]))
        {
            throw new ImageFormatException($"'{files[0]}' not found");
        }

        if (plan.Folder is null)
        {
            OutputFolders.PrepareFor(output!);
        }

        using CreatedFolders made = plan.Folder is null ? CreatedFolders.None : OutputFolders.Prepare(plan.Folder, create: true);

        foreach (string skipped in plan.Skipped)
        {
            Console.Error.WriteLine($"note: {skipped}");
        }

        if (plan.Jobs.Count == 0)
        {
            return CommandRunner.Ok;
        }

        IUpscaler upscaler = open(model ?? DefaultModel.Resolve());
        int failures = 0;
        foreach (UpscaleJob job in plan.Jobs)
        {
            if (!batch)
            {
                UpscaleOne(upscaler, job, target, quality, maxPixels, progress, stop);
                continue;
            }

            // In a batch, a bad image is reported in one line and the others still run.
            int code = CommandRunner.Run(() => UpscaleOne(upscaler, job, target, quality, maxPixels, progress, stop));
            failures += code == CommandRunner.Ok ? 0 : 1;
        }

        if (failures > 0)
        {
            Console.Error.WriteLine($"error: {failures} of {plan.Jobs.Count} images failed");
            return CommandRunner.Failed;
        }

        return CommandRunner.Ok;
    }

    private static int UpscaleOne(IUpscaler upscaler, UpscaleJob job, TargetSize target, int quality, long maxPixels,
        ConsoleProgress progress, CancellationToken stop)
    {
        DecodedImage decoded = ImageFile.Read(job.Input, maxPixels);
        ImageU8 image = decoded.Image;
        (int width, int height) = target.For(image.Width, image.Height);
        new OutputLimit(maxPixels).Check(width, height);
        long pixels = (long)width * height;

        bool keepAlpha = ImageFile.OutputFormatOf(job.Destination) != SKEncodedImageFormat.Jpeg;
        foreach (string warning in Warnings(job, decoded, keepAlpha))
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        var clock = Stopwatch.StartNew();
        ImageU8 result = progress.Run($"{Path.GetFileName(job.Input)} → {width}x{height}", WorkAmount.Pixels(pixels),
            p => upscaler.UpscaleImage(image, width, height, p, keepAlpha));

        AtomicFile.Write(job.Destination, ImageFile.Encode(result, job.Destination, quality, decoded.Profile), stop);
        Console.WriteLine($"{job.Input} ({image.Width}x{image.Height}) -> {job.Destination} ({width}x{height}) in {clock.Elapsed.TotalSeconds:0.0} s");
        return CommandRunner.Ok;
    }

    /// <summary>What the output cannot keep of the input.</summary>
    private static IEnumerable<string> Warnings(UpscaleJob job, DecodedImage decoded, bool keepAlpha)
    {
        if (decoded.Frames > 1)
        {
            yield return $"{job.Input} is animated ({decoded.Frames} frames): only its first frame is upscaled";
        }

        if (decoded.Image.HasAlpha && !keepAlpha)
        {
            yield return $"{job.Input} has transparency, which JPEG cannot store: it is dropped in {job.Destination} (write .png or .webp to keep it)";
        }

        if (decoded.ConvertedToSrgb)
        {
            yield return $"{job.Input}: its colour profile cannot be written back, so its colours were converted to sRGB";
        }
    }
}
