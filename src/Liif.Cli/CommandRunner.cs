namespace Liif.Cli;

/// <summary>
/// Runs a command body and maps how it ends to what the user sees and the exit code: a <see cref="UsageException"/>
/// is one <c>error:</c> line and exit code 2; another expected failure (<see cref="ErrorMessage.For"/>: a
/// <see cref="LiifException"/> or running out of memory) one line and 1; anything else is a bug, shown with its stack
/// trace, and <see cref="Bug"/>. Set LIIF_DEBUG=1 to see stack traces for expected failures too.
/// </summary>
public static class CommandRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>An unexpected exception: a bug (EX_SOFTWARE of sysexits.h).</summary>
    public const int Bug = 70;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    /// <summary>Writes the error for <paramref name="e"/> to stderr and returns its exit code.</summary>
    public static int Report(Exception e)
    {
        if (ErrorMessage.For(e) is not string message)
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
