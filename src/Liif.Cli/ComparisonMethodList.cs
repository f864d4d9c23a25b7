using Liif.Comparison;

namespace Liif.Cli;

/// <summary>
/// The methods of <c>liif compare</c>: parsed from <c>--models</c> ("bicubic,srcnn=FILE,srgan=FILE,liif=FILE": NAME=FILE
/// or a bare FILE or 'bicubic'), or the default set: bicubic, models/srcnn_x4.safetensors,
/// models/srgan_x4.safetensors and the default LIIF model, leaving out (with a note) default files that are missing
/// and fixed-scale models that cannot make the scale asked (the x4 baselines join only at x4).
/// The slot names bicubic, srcnn, srresnet, srgan and liif label a method with the model's own name (e.g.
/// "SRGAN (MSE content loss)"); any other NAME is used as the label.
/// </summary>
internal static class ComparisonMethodList
{
    private static readonly string[] s_slots = ["bicubic", "srcnn", "srresnet", "srgan", "liif"];

    /// <param name="models">The parsed --models (<see cref="Parse"/>), or null for the default set.</param>
    /// <param name="scale">
    /// The scale compared at: default fixed-scale models of another scale are left out, named ones refused.
    /// </param>
    /// <param name="open">Opens one model (a file or "bicubic") with the command's inference options.</param>
    /// <param name="note">Told about default models that are left out.</param>
    public static IReadOnlyList<ComparisonMethod> Open(IReadOnlyList<(string? Name, string Model)>? models, double scale,
        Func<string, IUpscaler> open, Action<string> note)
    {
        IReadOnlyList<(string? Name, string Model)> entries = models ?? Defaults(note);
        var methods = new List<ComparisonMethod>();
        foreach ((string? name, string model) in entries)
        {
            ComparisonMethod method = OpenOne(name, model, open);
            if (method.Upscaler is FixedScaleUpscaler f && f.Scale != scale)
            {
                if (models is not null)
                {
                    throw new UsageException($"{f.ShortName} is a x{f.Scale} model: it cannot be compared at "
                        + $"x{EvalScales.Format(scale)} (use --scale {f.Scale} or leave it out of --models)");
                }

                note($"leaving out {name}: {Path.GetFileName(model)} is a x{f.Scale} model, and the comparison is at x{EvalScales.Format(scale)}");
                continue;
            }

            if (methods.Any(m => m.Label == method.Label))
            {
                throw new UsageException($"--models names '{method.Label}' twice");
            }

            methods.Add(method);
        }

        return methods;
    }

    /// <summary>Opens one method: its upscaler, its label (from a slot name, or <paramref name="name"/>) and its provenance.</summary>
    public static ComparisonMethod OpenOne(string? name, string model, Func<string, IUpscaler> open)
    {
        IUpscaler upscaler = open(model);
        string label = name is null || s_slots.Contains(name, StringComparer.OrdinalIgnoreCase) ? Label(upscaler) : name;
        string? description = upscaler is BicubicUpscaler ? "Pillow-compatible bicubic interpolation" : ModelDescription.Of(model);
        return new ComparisonMethod(label, upscaler, description);
    }

    /// <summary>"NAME=FILE" or "FILE" or "bicubic", comma-separated.</summary>
    public static IReadOnlyList<(string? Name, string Model)> Parse(string models)
    {
        var entries = new List<(string?, string)>();
        foreach (string raw in models.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0)
            {
                throw new UsageException($"--models '{models}' has an empty entry");
            }

            int eq = raw.IndexOf('=');
            if (eq == 0 || eq == raw.Length - 1)
            {
                throw new UsageException($"--models entry '{raw}': use NAME=FILE, FILE or bicubic");
            }

            entries.Add(eq < 0 ? (null, raw) : (raw[..eq].Trim(), raw[(eq + 1)..].Trim()));
        }

        return entries;
    }

    /// <summary>The figure label of an upscaler: "Bicubic", "SRCNN", "SRGAN (MSE content loss)", "LIIF (edsr-baseline)".</summary>
    public static string Label(IUpscaler upscaler) => upscaler switch
    {
        BicubicUpscaler => "Bicubic",
        FixedScaleUpscaler f => f.Name.EndsWith($" x{f.Scale}", StringComparison.Ordinal) ? f.Name[..^$" x{f.Scale}".Length] : f.Name,
        _ when upscaler.Name.StartsWith("liif", StringComparison.Ordinal) => "LIIF" + upscaler.Name[4..],
        _ => upscaler.Name,
    };

    private static IReadOnlyList<(string? Name, string Model)> Defaults(Action<string> note)
    {
        var entries = new List<(string?, string)> { ("bicubic", UpscalerFactory.Bicubic) };
        foreach ((string slot, string file) in new[] { ("srcnn", "srcnn_x4.safetensors"), ("srgan", "srgan_x4.safetensors") })
        {
            if (DefaultModel.FindInModels(file) is string path)
            {
                entries.Add((slot, path));
            }
            else
            {
                note($"leaving out {slot}: models/{file} not found (name a file with --models)");
            }
        }

        try
        {
            entries.Add(("liif", DefaultModel.Resolve()));
        }
        catch (UsageException)
        {
            note($"leaving out liif: models/{ShippedModel.FileName} not found (name a model with --models ...,liif=FILE)");
        }

        return entries;
    }
}
