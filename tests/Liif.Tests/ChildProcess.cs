namespace Liif.Tests;

/// <summary>Runs a program to its end for a test, with a time limit, and returns its exit code and output.</summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/> in <paramref name="folder"/>; its stdout and
    /// stderr come back together. Past <paramref name="limit"/> its process tree is killed and a
    /// <see cref="TimeoutException"/> names the command.
    /// </summary>
    public static async Task<Result> Run(string folder, TimeSpan limit, string program, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in {limit.TotalMinutes:0.#} minutes");
        }

        return new Result(process.ExitCode, await stdout + await stderr);
    }
}
