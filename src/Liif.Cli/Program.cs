using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Liif.Cli.Commands;

namespace Liif.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        // A plain Command named "liif" (RootCommand would take the assembly's name, Liif.Cli) with the root's options.
        var root = new Command("liif", "LIIF: arbitrary-scale image super-resolution (Local Implicit Image Function, CVPR 2021).")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(UpscaleCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(MetricsCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        ParseResult parse = root.Parse(args);
        Command command = parse.CommandResult.Command;
        // One line, not System.CommandLine's error list followed by the whole help text.
        string? error = UnknownOption(parse) is string unknown ? UnknownOptionMessage(unknown, command)
            : parse.Errors.Count > 0 && args.Length > 0
                ? (parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
                    ?? parse.Errors[0]).Message
                : null;
        if (error is not null)
        {
            string help = command == root ? "liif --help" : $"liif {command.Name} --help";
            Console.Error.WriteLine($"error: {error} (see '{help}')");
            return CommandRunner.Usage;
        }

        return parse.Invoke();
    }

    /// <summary>
    /// The first token that looks like an option but is none of the command's (<c>--tile 256</c>, Real-ESRGAN's
    /// <c>-i</c>), or null: System.CommandLine would bind it to the command's file arguments and the command would try
    /// to read or write a file named "--tile". Tokens after <c>--</c> are taken literally (a file whose name starts
    /// with a dash).
    /// </summary>
    private static string? UnknownOption(ParseResult parse)
    {
        int end = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var literal = end < 0 ? [] : parse.Tokens.Skip(end).ToHashSet(ReferenceEqualityComparer.Instance);
        return parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .Where(t => !literal.Contains(t) && t.Value.Length > 1 && t.Value.StartsWith('-'))
            .Select(t => t.Value)
            .FirstOrDefault();
    }

    private static string UnknownOptionMessage(string token, Command command) => token is "-i" or "--input"
        ? $"unknown option '{token}': give the input files without a flag, e.g. 'liif {command.Name} in.png -o out.png -s 4'"
        : $"unknown option '{token}'";
}
