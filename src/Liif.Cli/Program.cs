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
        string command = parse.CommandResult.Command == root ? "liif" : $"liif {parse.CommandResult.Command.Name}";
        if (UnknownOptions.Find(parse) is string unknown)
        {
            Console.Error.WriteLine($"error: {UnknownOptions.Message(unknown, parse.CommandResult.Command)} (see '{command} --help')");
            return CommandRunner.Usage;
        }

        if (parse.Errors.Count > 0 && args.Length > 0)
        {
            // One line, not System.CommandLine's error list followed by the whole help text.
            ParseError error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            Console.Error.WriteLine($"error: {error.Message} (see '{command} --help')");
            return CommandRunner.Usage;
        }

        return parse.Invoke();
    }
}
