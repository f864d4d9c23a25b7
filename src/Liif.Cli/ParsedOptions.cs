using System.CommandLine.Parsing;
using static TorchSharp.torch;

namespace Liif.Cli;

/// <summary>
/// Typed options whose values System.CommandLine parses with the library's own parsers, so that a bad value is a
/// parse error (one line, exit code 2) naming the option, before any work, and the actions receive typed values.
/// </summary>
internal static class ParsedOptions
{
    /// <summary>An option whose text <paramref name="parse"/> turns into a value; its <see cref="LiifException"/> is the parse error.</summary>
    public static Option<T> Of<T>(string name, Func<string, T> parse, string description, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            CustomParser = result => Parse(result, result.Tokens.Count > 0 ? result.Tokens[^1].Value : "", parse),
        };

    /// <summary>A whole number of at least <paramref name="min"/> (and at most <paramref name="max"/>); null when not given.</summary>
    public static Option<int?> WholeNumber(string name, int min, string description, int max = int.MaxValue) =>
        Of<int?>(name, text => (int)ParseWhole(name, text, min, max), description);

    /// <summary>A whole number of at least <paramref name="min"/> (and at most <paramref name="max"/>) with a default.</summary>
    public static Option<int> WholeNumber(string name, int min, int defaultValue, string description, int max = int.MaxValue)
    {
        Option<int> option = Of(name, text => (int)ParseWhole(name, text, min, max), description);
        option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>A whole number (64-bit) of at least <paramref name="min"/>; null when not given.</summary>
    public static Option<long?> LongNumber(string name, long min, string description) =>
        Of<long?>(name, text => ParseWhole(name, text, min, long.MaxValue), description);

    /// <summary>A finite number above 0; null when not given.</summary>
    public static Option<double?> PositiveNumber(string name, string description) =>
        Of<double?>(name, text => ParsePositive(name, text), description);

    /// <summary>A finite number above 0 with a default.</summary>
    public static Option<double> PositiveNumber(string name, double defaultValue, string description)
    {
        Option<double> option = Of(name, text => ParsePositive(name, text), description);
        option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>
    /// --progress-every: seconds between progress lines when output is not a terminal. More than int.MaxValue seconds
    /// (68 years: never) is that many, so that the interval fits a <see cref="TimeSpan"/>.
    /// </summary>
    public static Option<double> ProgressEvery()
    {
        const string name = "--progress-every";
        Option<double> option = Of(name, text => Math.Min(ParsePositive(name, text), int.MaxValue),
            "When output is not a terminal: a progress line (done/total, rate, time left) every this many seconds.");
        option.DefaultValueFactory = _ => 5;
        return option;
    }

    /// <summary>--protocol: <see cref="EvalProtocols.Parse"/>; null when not given.</summary>
    public static Option<EvalProtocol?> Protocol()
    {
        Option<EvalProtocol?> option = Of<EvalProtocol?>("--protocol", text => EvalProtocols.Parse(text),
            "benchmark (Y channel, shave scale; the default) or div2k (PSNR on RGB, shave scale + 6).");
        option.HelpName = "benchmark|div2k";
        return option;
    }

    /// <summary>--device: <see cref="ComputeDevice.Names"/>; the CPU when not given.</summary>
    public static Option<Device> Device()
    {
        Option<Device> option = Of("--device", ComputeDevice.Parse, $"Where to run: {ComputeDevice.Names} (CUDA when available).");
        option.DefaultValueFactory = _ => CPU;
        option.HelpName = "cpu|cuda|cuda:N|auto";
        return option;
    }

    /// <summary>A repeatable option (several values after it, or the option given again), each value parsed.</summary>
    public static Option<T[]> Many<T>(string name, Func<string, T> parse, string description, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => result.Tokens.Select(t => Parse(result, t.Value, parse)).ToArray(),
        };

    private static T Parse<T>(ArgumentResult result, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (LiifException e)
        {
            result.AddError(e.Message);
            return default!;
        }
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/> (unsaid from int.MaxValue up).</summary>
    private static long ParseWhole(string name, string text, long min, long max = int.MaxValue) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) && v >= min && v <= max
            ? v
            : throw new LiifException($"bad {name} '{text}' (a whole number {(max >= int.MaxValue ? $"of at least {min}" : $"from {min} to {max}")})");

    private static double ParsePositive(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
            ? v
            : throw new LiifException($"bad {name} '{text}' (a number above 0)");
}
