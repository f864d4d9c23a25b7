namespace Liif.Tests;

/// <summary>
/// Locates the project's shared data folder (<c>../shared</c> beside the repository root) by walking up from the
/// test assembly. Tests that need it skip with a clear message when it is absent.
/// </summary>
public static class SharedData
{
    public static string? Root { get; } = Locate();

    public static string? Parity => Root is null ? null : Path.Combine(Root, "parity");

    public static string? Data => Root is null ? null : Path.Combine(Root, "data");

    public const string MissingMessage = "../shared (parity and benchmark data) not found beside the repository";

    private static string? Locate()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, "parity", "cases.json")))
            {
                return candidate;
            }
        }

        return null;
    }
}
