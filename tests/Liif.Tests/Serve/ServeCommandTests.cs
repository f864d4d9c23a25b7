using System.Net;
using System.Net.Sockets;
using Liif.Tests.Cli;

namespace Liif.Tests.Serve;

/// <summary><c>liif serve</c> on the command line: it prints its URL, serves until Ctrl-C and stops cleanly; bad options are one line.</summary>
[Collection(nameof(CliCollection))]
public sealed class ServeCommandTests
{
    [Fact]
    public async Task It_prints_the_url_serves_and_stops_cleanly_on_ctrl_c()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "Liif.Cli.dll"), "serve", "--port", "0", "--model", "bicubic" })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        // Lines as they come (a cancellable ReadLineAsync on the pipe waited for more than one line here).
        var stdout = new System.Collections.Concurrent.BlockingCollection<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                stdout.Add(e.Data);
            }
        };
        process.BeginOutputReadLine();
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var lines = new List<string>();
        string? url = null;
        try
        {
            while (url is null && stdout.TryTake(out string? line, TimeSpan.FromSeconds(60)))
            {
                lines.Add(line);
                url = line.StartsWith("liif serve: open ", StringComparison.Ordinal) ? line.Split(' ')[3] : null;
            }

            Assert.True(url is not null, $"no URL printed: {string.Join('\n', lines)}");
            Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+/$", url);
            Assert.StartsWith("models: bicubic", lines[0]);
            using var client = new HttpClient();
            Assert.Contains("\"default\":\"bicubic\"", await client.GetStringAsync($"{url}api/models", TestContext.Current.CancellationToken));

            // Ctrl-C is SIGINT; where this test process ignores SIGINT (started in the background), its children
            // inherit that, and SIGTERM, which the host handles the same way, stands in for it.
            Process.Start("kill", [SigIntIgnored() ? "-TERM" : "-INT", process.Id.ToString()])!.WaitForExit();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the server did not stop");
            process.WaitForExit();   // and the output is read to its end
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(["liif serve: stopped"], stdout.ToArray());   // what is left after the URL line
        Assert.Equal("", await stderr);
    }

    [Fact]
    public void The_help_says_what_another_host_exposes()
    {
        CliHarness.Outcome help = CliHarness.Run("serve", "--help");
        Assert.Equal(0, help.Code);
        string text = string.Join(' ', help.Out.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("The default, 127.0.0.1, serves this machine only", text);
        Assert.Contains("lets everyone who can reach this machine upload images and use its CPU or GPU, over plain HTTP, with no password", text);
    }

    [Theory]
    [InlineData("--host", "example.com", "bad --host 'example.com' (use an IP address: 127.0.0.1 for this machine only, 0.0.0.0 for every interface)")]
    [InlineData("--port", "70000", "bad --port '70000' (a whole number from 0 to 65535)")]
    [InlineData("--max-megapixels", "0", "bad --max-megapixels '0' (a number above 0)")]
    [InlineData("--max-upload-mb", "0", "bad --max-upload-mb '0' (a number above 0)")]
    public void Bad_options_are_one_line_errors(string option, string value, string expected)
    {
        CliHarness.Outcome r = CliHarness.Run("serve", option, value, "--model", "bicubic");
        Assert.Equal(2, r.Code);
        Assert.Equal([$"error: {expected} (see 'liif serve --help')"], r.ErrLines);
    }

    [Fact]
    public void A_port_in_use_is_a_one_line_error()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        CliHarness.Outcome r = CliHarness.Run("serve", "--port", port.ToString(), "--model", "bicubic");
        Assert.Equal(1, r.Code);
        Assert.Equal([$"error: Failed to bind to address http://127.0.0.1:{port}: address already in use."], r.ErrLines);
    }

    /// <summary>Whether SIGINT is ignored in this process (bit 2 of SigIgn in /proc/self/status).</summary>
    private static bool SigIntIgnored()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line[7..].Trim(), 16) & (1UL << 1)) != 0;
    }
}
