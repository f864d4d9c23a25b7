using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Liif;

/// <summary>
/// The one line a user sees for a failure, the same in the command line and any other front end: the message of a
/// <see cref="LiifException"/>, or for running out of memory the sizes to lower (the hint:
/// the upscaling sizes unless the front end says which of its own). Null for anything else: a bug, which deserves its
/// stack trace.
/// </summary>
internal static partial class ErrorMessage
{
    public const string OutOfMemoryHint = "lower --max-queries or --tile-size (or the output size)";

    /// <summary>What training can lower: a step's memory grows with the batch, the queries per crop and the model.</summary>
    public const string TrainingOutOfMemoryHint =
        "lower --batch-size, train_dataset.wrapper.args.sample_q or inp_size, or the model's size";

    public static string? For(Exception e, string outOfMemoryHint = OutOfMemoryHint) => e switch
    {
        LiifException => OneLine(e.Message),
        OutOfMemoryException => $"out of memory: {outOfMemoryHint}",
        ExternalException x when IsLibTorchOutOfMemory(x) => $"out of memory{Requested(x.Message)}: {outOfMemoryHint}",
        _ => null,
    };

    /// <summary>
    /// libtorch reports a failed allocation as an <see cref="ExternalException"/> (TorchSharp passes C++ errors on as
    /// that type) whose message starts "[enforce fail at alloc_cpu.cpp:...] ... DefaultCPUAllocator: can't allocate
    /// memory: you tried to allocate N bytes" on the CPU and "CUDA out of memory. Tried to allocate 2.00 GiB" on a GPU.
    /// </summary>
    public static bool IsLibTorchOutOfMemory(ExternalException e) =>
        e.Message.Contains("can't allocate memory", StringComparison.Ordinal)
        || e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first line, trimmed, without .NET's " (Parameter 'x')" tail.</summary>
    public static string OneLine(string message)
    {
        string line = message.ReplaceLineEndings(" ").Trim();
        int pos = line.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return pos > 0 ? line[..pos] : line;
    }

    private static string Requested(string message)
    {
        if (CpuRequest().Match(message) is { Success: true } cpu
            && long.TryParse(cpu.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes))
        {
            return string.Create(CultureInfo.InvariantCulture, $" (libtorch could not allocate {bytes / (1024.0 * 1024 * 1024):0.##} GiB)");
        }

        return CudaRequest().Match(message) is { Success: true } gpu ? $" (libtorch could not allocate {gpu.Groups[1].Value} on the GPU)" : "";
    }

    [GeneratedRegex(@"tried to allocate (\d+) bytes")]
    private static partial Regex CpuRequest();

    [GeneratedRegex(@"Tried to allocate ([\d.]+ [KMGT]i?B)")]
    private static partial Regex CudaRequest();
}
