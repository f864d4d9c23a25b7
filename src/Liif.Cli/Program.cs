using System.CommandLine;
using System.CommandLine.Help;
using Liif.Cli.Commands;

namespace Liif.Cli;

public static class Program
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
        return root.Parse(args).Invoke();
    }
}
