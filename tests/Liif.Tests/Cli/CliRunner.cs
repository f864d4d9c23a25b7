namespace Liif.Tests.Cli;

/// <summary>Runs the liif CLI as a child process (Liif.Cli.dll next to the test assembly), as a user would.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Result Run(params string[] args) => Run(null, args);

    public static Result Run(IDictionary<string, string>? environment, params string[] args)
    {
        using Process process = Start(environment, args);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"liif {string.Join(' ', args)} did not finish");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the CLI with stdout and stderr redirected; the caller reads them and waits.</summary>
    public static Process Start(IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Liif.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("LIIF_DEBUG");
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Asserts a failure with exactly one line on stderr, no stack trace.</summary>
    public static void AssertOneLineError(Result result, string expectedFragment)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.True(result.ErrorLines.Length == 1, $"expected one error line, got:\n{result.Error}");
        Assert.StartsWith("error: ", result.ErrorLines[0]);
        Assert.Contains(expectedFragment, result.ErrorLines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
