namespace Liif.Cli.Commands;

/// <summary><c>liif metrics</c>: PSNR and SSIM of one SR image against its HR ground truth.</summary>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var hr = new Argument<string>("HR") { Description = "Ground-truth image." };
        var sr = new Argument<string>("SR") { Description = "Super-resolved image of the same size." };
        Option<double?> scale = ParsedOptions.PositiveNumber("--scale", "The SR scale: sets the border shaved (ceil(scale), +6 for div2k).");
        scale.Aliases.Add("-s");
        scale.Required = true;
        Option<EvalProtocol?> protocol = ParsedOptions.Protocol();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var crop = new Option<bool>("--crop") { Description = "When the sizes differ, compare the common top-left region instead of failing." };

        var command = new Command("metrics", "PSNR and SSIM of a super-resolved image against its ground truth.")
        {
            hr, sr, scale, protocol, json, crop,
        };
        command.SetAction(parse => CommandRunner.Run(() => Run(
            parse.GetValue(hr)!,
            parse.GetValue(sr)!,
            parse.GetValue(scale)!.Value,
            parse.GetValue(protocol) ?? EvalProtocol.Benchmark,
            parse.GetValue(json),
            parse.GetValue(crop))));
        return command;
    }

    /// <summary>What <c>--json</c> prints: an infinite PSNR is null, with <c>identical</c> true.</summary>
    private sealed record MetricsOutput(string Hr, string Sr, double Scale, EvalProtocol Protocol, int Shave,
        int Width, int Height, bool Cropped, double Psnr, double Ssim)
    {
        public bool Identical => double.IsPositiveInfinity(Psnr);
    }

    private static int Run(string hrPath, string srPath, double scale, EvalProtocol protocol, bool json, bool crop)
    {
        ImageU8 hr = ImageFile.Load(hrPath).ToRgb();
        ImageU8 sr = ImageFile.Load(srPath).ToRgb();
        bool cropped = false;
        if (sr.Width != hr.Width || sr.Height != hr.Height)
        {
            if (!crop)
            {
                throw new ImageFormatException(
                    $"SR '{srPath}' is {sr.Width}x{sr.Height} but HR '{hrPath}' is {hr.Width}x{hr.Height} " +
                    "(pass --crop to compare the common top-left region)");
            }

            int width = Math.Min(sr.Width, hr.Width), height = Math.Min(sr.Height, hr.Height);
            hr = hr.Crop(0, 0, width, height);
            sr = sr.Crop(0, 0, width, height);
            cropped = true;
        }

        var result = new MetricsOutput(hrPath, srPath, scale, protocol, protocol.Shave(scale), hr.Width, hr.Height, cropped,
            PsnrMetric.Compute(sr, hr, scale, protocol), SsimMetric.Compute(sr, hr, scale, protocol));
        if (json)
        {
            Console.WriteLine(EvalJson.Serialize(result));
            return CommandRunner.Ok;
        }

        if (cropped)
        {
            Console.WriteLine($"note: sizes differ; both cropped to the common top-left {hr.Width}x{hr.Height} region");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PSNR {(result.Identical ? "inf (identical)" : $"{result.Psnr:0.0000}")} dB  SSIM {result.Ssim:0.0000}  ({protocol.Name()} protocol at x{EvalScales.Format(scale)}: " +
            $"{(protocol == EvalProtocol.Div2k ? "PSNR on RGB, SSIM on Y" : "Y channel")}, {result.Shave} px shaved)"));
        return CommandRunner.Ok;
    }
}
