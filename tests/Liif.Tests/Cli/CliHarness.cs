namespace Liif.Tests.Cli;

/// <summary>Tests that run the CLI in-process swap Console.Out/Error, so they must not run beside other tests.</summary>
[CollectionDefinition(nameof(CliCollection), DisableParallelization = true)]
public sealed class CliCollection;

/// <summary>Runs <c>Program.Main</c> in-process, capturing what it writes.</summary>
internal static class CliHarness
{
    public sealed record Outcome(int Code, string Out, string Err)
    {
        /// <summary>The non-empty lines written to stderr.</summary>
        public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override string ToString() => $"exit {Code}\n--- stdout\n{Out}--- stderr\n{Err}";
    }

    public static Outcome Run(params string[] args)
    {
        TextWriter oldOut = Console.Out, oldErr = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = Liif.Cli.Program.Main(args);
            return new Outcome(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
