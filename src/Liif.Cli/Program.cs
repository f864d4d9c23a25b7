using System.CommandLine;
using Liif.Cli.Commands;

namespace Liif.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("LIIF: arbitrary-scale image super-resolution (Local Implicit Image Function, CVPR 2021).");
        root.Subcommands.Add(UpscaleCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(MetricsCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        return root.Parse(args).Invoke();
    }
}
