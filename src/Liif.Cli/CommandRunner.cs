namespace Liif.Cli;

/// <summary>
/// Runs a command body and maps how it ends to what the user sees and the exit code: a <see cref="UsageException"/>
/// is one <c>error:</c> line and exit code 2; another expected failure (<see cref="ErrorMessage.For"/>: a
/// <see cref="LiifException"/> or running out of memory) one line and 1; anything else is a bug, shown with its stack
/// trace, and <see cref="Bug"/>. Set LIIF_DEBUG=1 to see stack traces for expected failures too.
/// </summary>
internal static class CommandRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>An unexpected exception: a bug (EX_SOFTWARE of sysexits.h).</summary>
    public const int Bug = 70;

    /// <summary>Runs <paramref name="body"/>; running out of memory names <paramref name="outOfMemoryHint"/> as what to lower.</summary>
    public static int Run(Func<int> body, string outOfMemoryHint = ErrorMessage.OutOfMemoryHint)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (ErrorMessage.For(e, outOfMemoryHint) is not string message)
            {
                Console.Error.WriteLine($"error: internal error (a bug; please report it with this trace): {e}");
                return Bug;
            }

            Console.Error.WriteLine($"error: {message}");
            if (Environment.GetEnvironmentVariable("LIIF_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return e is UsageException ? Usage : Failed;
        }
    }

    /// <summary>
    /// Runs a body that stops on SIGINT or SIGTERM (<see cref="StopSignal"/>): it watches the token and throws
    /// <see cref="OperationCanceledException"/>, or returns <see cref="StopSignal.ExitCode"/> itself.
    /// </summary>
    public static int Run(Func<StopSignal, int> body, string whatNow = "stopping and removing temporary files",
        string outOfMemoryHint = ErrorMessage.OutOfMemoryHint)
    {
        using var signal = new StopSignal(whatNow);
        try
        {
            return Run(() => body(signal), outOfMemoryHint);
        }
        catch (OperationCanceledException) when (signal.Stopped)
        {
            Console.Error.WriteLine("stopped: no partial or temporary file is left");
            return signal.ExitCode;
        }
    }
}
