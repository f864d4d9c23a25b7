namespace Liif.Cli;

/// <summary><see cref="OutputFolder"/> for the command line: says which stale temporary files it removed.</summary>
internal static class OutputFolders
{
    public static void Prepare(string folder, bool create) => Report(OutputFolder.Prepare(folder, create));

    public static void PrepareFor(string file) => Report(OutputFolder.PrepareFor(file));

    private static void Report(IReadOnlyList<string> removed)
    {
        foreach (string name in removed)
        {
            Console.Error.WriteLine($"note: removed {name}, a temporary file left by an interrupted run");
        }
    }
}
