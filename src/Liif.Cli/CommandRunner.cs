using Liif.Imaging;
using Liif.Models;
using Liif.Storage;

namespace Liif.Cli;

/// <summary>
/// Runs a command body and turns every expected failure into one line on stderr and a non-zero exit code:
/// 2 for a bad command line, 1 for bad input or a failed job. Set LIIF_DEBUG=1 to see stack traces.
/// </summary>
public static class CommandRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (Describe(e) is (string message, int code))
        {
            Console.Error.WriteLine($"error: {message}");
            if (Environment.GetEnvironmentVariable("LIIF_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return code;
        }
    }

    /// <summary>The one-line message and exit code for an exception, or null for a bug (which then propagates).</summary>
    public static (string Message, int Code)? Describe(Exception e) => e switch
    {
        UsageException or FormatException or ArgumentException => (OneLine(e.Message), Usage),
        ImageFormatException or CheckpointException or ModelSpecException => (OneLine(e.Message), Failed),
        FileNotFoundException f => ($"'{f.FileName}' not found", Failed),
        DirectoryNotFoundException or UnauthorizedAccessException or IOException => (OneLine(e.Message), Failed),
        OutOfMemoryException => ("out of memory: lower --max-queries or the output size", Failed),
        _ when Environment.GetEnvironmentVariable("LIIF_DEBUG") == "1" => null,
        _ => ($"internal error ({e.GetType().Name}): {OneLine(e.Message)}", Failed),
    };

    private static string OneLine(string message)
    {
        string line = message.ReplaceLineEndings(" ").Trim();
        int pos = line.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return pos > 0 ? line[..pos] : line;
    }
}
