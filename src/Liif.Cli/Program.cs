using System.CommandLine;

namespace Liif.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("LIIF: arbitrary-scale image super-resolution (Local Implicit Image Function).");
        return root.Parse(args).Invoke();
    }
}
