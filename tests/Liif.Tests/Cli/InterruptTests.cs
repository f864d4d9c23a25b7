using System.Runtime.InteropServices;
using System.Text;

namespace Liif.Tests.Cli;

/// <summary>
/// SIGINT and SIGTERM stop upscale, eval and compare with no partial or temporary file left and exit codes 130 and
/// 143; a temporary file that a SIGKILL leaves is removed by the next run into its folder. Real processes, real
/// signals, real files.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private const int Sigint = 2, Sigkill = 9, Sigterm = 15;

    private readonly TempFolder _temp = new();
    private readonly string _model;
    private readonly string _input;

    public InterruptTests()
    {
        _model = TestModels.SaveTiny(_temp.Path);
        _input = _temp.File("in.png");
        ImageFile.Save(TestImages.Noise(300, 300, 3, seed: 1), _input);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Sigterm_while_a_big_png_is_written_removes_the_temporary_file_and_exits_143()
    {
        string outDir = _temp.Folder("out");
        using Running run = Running.Start("upscale", _input, "-o", Path.Combine(outDir, "big.png"), "--size", "6000x6000", "--model", "bicubic");
        Assert.True(run.WaitFor(() => TempFiles(outDir).Length > 0), "the temporary file never appeared");
        run.Signal(Sigterm);
        run.WaitForExit();

        Assert.Empty(TempFiles(outDir));
        TestContext.Current.TestOutputHelper?.WriteLine($"exit {run.ExitCode} (143: stopped inside the write; 0: the rename came first)");
        if (run.ExitCode == 0)
        {
            // The rename won the race against the signal: then the output is whole.
            Assert.Equal(6000, ImageFile.Load(Path.Combine(outDir, "big.png")).Width);
            return;
        }

        Assert.True(run.ExitCode == 143, run.ToString());
        Assert.Empty(Directory.GetFiles(outDir));
        Assert.Contains("SIGTERM: stopping and removing temporary files", run.Err);
    }

    [Fact]
    public void Sigint_while_upscaling_stops_at_the_next_chunk_and_exits_130()
    {
        string output = _temp.File("up.png");
        using Running run = Running.Start("upscale", _input, "-o", output, "--size", "3000x3000", "--model", _model, "--max-queries", "20000",
            "--progress-every", "0.05");
        Assert.True(run.WaitFor(() => run.Err.Contains("progress: in.png", StringComparison.Ordinal)), run.ToString());
        var clock = Stopwatch.StartNew();
        run.Signal(Sigint);
        run.WaitForExit();

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopped after {clock.Elapsed}");
        Assert.False(File.Exists(output));
        Assert.Empty(TempFiles(_temp.Path));
    }

    [Fact]
    public void Sigkill_mid_write_leaves_a_temporary_file_that_the_next_run_into_the_folder_removes()
    {
        string outDir = _temp.Folder("killed");
        using (Running run = Running.Start("upscale", _input, "-o", Path.Combine(outDir, "big.png"), "--size", "6000x6000", "--model", "bicubic"))
        {
            Assert.True(run.WaitFor(() => TempFiles(outDir).Length > 0), "the temporary file never appeared");
            run.Signal(Sigkill);
            run.WaitForExit();
        }

        string[] stale = TempFiles(outDir);
        Assert.Single(stale);
        // A temporary file of a running process (this one) is not stale and stays.
        string live = Path.Combine(outDir, $".other.png.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.WriteAllText(live, "being written");

        CliRunner.Result next = CliRunner.Run("upscale", _input, "-o", Path.Combine(outDir, "small.png"), "--scale", "1.5", "--model", "bicubic");
        Assert.True(next.ExitCode == 0, next.Error);
        Assert.Contains($"note: removed {Path.GetFileName(stale[0])}, a temporary file left by an interrupted run", next.Error);
        Assert.Equal([live], TempFiles(outDir));
        Assert.False(File.Exists(Path.Combine(outDir, "big.png")));
    }

    [Fact]
    public void Sigterm_during_eval_exits_143_without_writing_its_reports()
    {
        string set = _temp.Folder("Set/HR");
        for (int i = 0; i < 4; i++)
        {
            ImageFile.Save(TestImages.Noise(240, 240, 3, seed: 10 + i), Path.Combine(set, $"{i}.png"));
        }

        string json = _temp.File("report.json");
        using Running run = Running.Start("eval", "--model", _model, "--data", set, "--scales", "2,3,4", "--json", json,
            "--markdown", _temp.File("table.md"), "--progress-every", "0.05");
        Assert.True(run.WaitFor(() => run.Err.Contains("progress: evaluating", StringComparison.Ordinal)), run.ToString());
        run.Signal(Sigterm);
        run.WaitForExit();

        Assert.True(run.ExitCode == 143, run.ToString());
        Assert.False(File.Exists(json));
        Assert.False(File.Exists(_temp.File("table.md")));
        Assert.Empty(TempFiles(_temp.Path));
    }

    [Fact]
    public void Sigint_during_compare_exits_130_without_a_report()
    {
        string outDir = _temp.File("comparison");
        string image = _temp.File("large.png");
        ImageFile.Save(TestImages.Noise(480, 480, 3, seed: 2), image);
        using Running run = Running.Start("compare", image, "--scale", "2", "--models", $"bicubic,liif={_model}", "--out-dir", outDir,
            "--crop", "0,0,32,32", "--progress-every", "0.05", "--max-queries", "5000");
        Assert.True(run.WaitFor(() => run.Err.Contains("progress: large", StringComparison.Ordinal)), run.ToString());
        run.Signal(Sigint);
        run.WaitForExit();

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.False(File.Exists(Path.Combine(outDir, "report.html")));
        Assert.Empty(TempFiles(outDir));
    }

    private static string[] TempFiles(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, ".*.tmp-*", SearchOption.AllDirectories) : [];

    /// <summary>A CLI process whose output is collected as it comes.</summary>
    private sealed class Running : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _out = new(), _err = new();

        private Running(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Append(_out, e.Data);
            _process.ErrorDataReceived += (_, e) => Append(_err, e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Err
        {
            get
            {
                lock (_err)
                {
                    return _err.ToString();
                }
            }
        }

        public int ExitCode => _process.ExitCode;

        public static Running Start(params string[] args) => new(CliRunner.Start(null, args));

        /// <summary>Polls every millisecond, up to a minute; false if the process ended first or time ran out.</summary>
        public bool WaitFor(Func<bool> condition)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(1))
            {
                if (condition())
                {
                    return true;
                }

                if (_process.HasExited)
                {
                    return condition();
                }

                Thread.Sleep(1);
            }

            return false;
        }

        public void Signal(int signal) => Assert.Equal(0, Kill(_process.Id, signal));

        public void WaitForExit()
        {
            Assert.True(_process.WaitForExit(60_000), "the process did not end within a minute of the signal");
            _process.WaitForExit();
        }

        public override string ToString()
        {
            lock (_out)
            {
                return $"exit {(_process.HasExited ? _process.ExitCode : "-")}\n--- stdout\n{_out}--- stderr\n{Err}";
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private static void Append(StringBuilder text, string? line)
        {
            if (line is not null)
            {
                lock (text)
                {
                    text.AppendLine(line);
                }
            }
        }

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);
    }
}
