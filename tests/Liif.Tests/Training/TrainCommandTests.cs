namespace Liif.Tests.Training;

/// <summary><c>liif train</c> as a child process: one-line errors, exit codes, and checkpoints that survive SIGKILL.</summary>
public sealed class TrainCommandTests
{
    private static readonly string s_cli = Path.Combine(AppContext.BaseDirectory, "Liif.Cli.dll");

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(s_cli);
        info.ArgumentList.Add("train");
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using Process p = Start(args);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken), stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("liif train did not finish in 2 minutes");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void A_run_folder_that_cannot_take_its_config_is_one_line_and_keeps_the_checkpoint()
    {
        using var data = new TinyTraining(images: 2);
        string run = data.RunDir("run");
        Assert.Equal(0, Run("--config", data.WriteConfig(epochs: 1, repeat: 1), "--out", run, "--set", "epoch_val=0").Code);
        string checkpoint = new RunFolder(run).Checkpoint;
        byte[] saved = File.ReadAllBytes(checkpoint);
        File.Delete(Path.Combine(run, "config.yaml"));
        Directory.CreateDirectory(Path.Combine(run, "config.yaml"));

        (int code, _, string err) = Run("--resume", run, "--epochs", "2");
        Assert.Equal(1, code);
        Assert.StartsWith($"error: cannot write '{Path.Combine(run, "config.yaml")}'", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Equal(saved, File.ReadAllBytes(checkpoint));
        Assert.Empty(Directory.GetFiles(run, ".*.tmp-*"));
    }

    [Fact]
    public void Killing_the_process_at_any_moment_leaves_a_loadable_checkpoint()
    {
        using var data = new TinyTraining(images: 4);
        // One iteration per epoch and a checkpoint every epoch: the process spends much of its time saving. A wide
        // MLP makes the checkpoint a few MB so that kills land inside writes too.
        string config = data.WriteConfig(epochs: 100000, repeat: 1, hidden: "512, 512");
        string run = data.RunDir("run");
        string checkpoint = new RunFolder(run).Checkpoint;
        int killsDuringWrite = 0;
        long lastIteration = -1;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            using Process p = attempt == 0 ? Start("--config", config, "--out", run, "--set", "epoch_val=0") : Start("--resume", run);
            _ = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            _ = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var clock = Stopwatch.StartNew();
            bool writing = false;
            // Wait for a first checkpoint (however slow a loaded machine is), then kill while a temporary checkpoint
            // file exists, or after a while.
            while (clock.Elapsed < TimeSpan.FromSeconds(90) && !p.HasExited)
            {
                writing = Directory.Exists(run) && Directory.EnumerateFiles(run, ".checkpoint.safetensors.tmp-*").Any();
                if (File.Exists(checkpoint) && (writing || clock.Elapsed > TimeSpan.FromSeconds(8)))
                {
                    break;
                }

                Thread.Sleep(1);
            }

            p.Kill();
            p.WaitForExit();
            killsDuringWrite += writing ? 1 : 0;

            using TrainingCheckpoint loaded = TrainingCheckpoint.Load(checkpoint);
            Assert.True(loaded.State.Iteration >= lastIteration, "a resumed run never goes back");
            lastIteration = loaded.State.Iteration;
            using LoadedModel model = ModelLoader.Load(new RunFolder(run).Model);
        }

        Assert.True(lastIteration > 0);
        (int code, string stdout, _) = Run("--resume", run, "--max-iterations", "2");
        Assert.Equal(0, code);
        Assert.Contains("budget reached", stdout);
        using TrainingCheckpoint final = TrainingCheckpoint.Load(checkpoint);
        Assert.Equal(lastIteration + 2, final.State.Iteration);
        // How many kills land inside a write depends on timing; every kill must be survivable either way.
        TestContext.Current.TestOutputHelper?.WriteLine($"{killsDuringWrite} of 3 kills landed while a checkpoint was being written");
    }

    [Fact]
    public async Task Sigterm_saves_and_exits_143()
    {
        using var data = new TinyTraining(images: 4);
        string run = data.RunDir("run");
        using Process p = Start("--config", data.WriteConfig(epochs: 100000), "--out", run, "--set", "epoch_val=0", "--set", "epoch_save=0");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string log = new RunFolder(run).Log;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !(File.Exists(log) && File.ReadAllLines(log).Length > 3))
        {
            Thread.Sleep(50);
        }

        Assert.Equal(0, Kill(p.Id, 15));
        Assert.True(p.WaitForExit(60_000));
        Assert.Equal(143, p.ExitCode);   // 128 + SIGTERM, as a shell reports it
        Assert.Contains("interrupted", await stdout);
        using TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(new RunFolder(run).Checkpoint);
        Assert.True(checkpoint.State.Iteration >= 3);
        Assert.Equal(checkpoint.State.Iteration, TrainingLog.Read(log).Count(r => r.Loss is not null));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
