namespace Liif.Tests.Training;

/// <summary>
/// The GPU window plan (tools/gpu/plan.sh) run on this machine: tools/gpu/dry-run.sh plans two windows with stand-in
/// data and a tiny config, runs the printed remote commands one after the other in simulated checkouts (the kit's
/// run.sh simulated, no CUDA, 2 iterations a window) and puts the returned files together with tools/gpu/fetch.sh.
/// </summary>
public sealed class GpuPlanDryRunTests
{
    [Fact]
    public async Task Two_windows_run_the_printed_commands_and_the_second_continues_the_first()
    {
        if (SharedData.Root is null || !File.Exists(Path.Combine(SharedData.Root, "gpu", "pack-data.sh")))
        {
            Assert.Skip("../shared (training images and the GPU kit) not found beside the repository");
        }

        string repository = RepositoryRoot.Path;
        string keep = Directory.CreateTempSubdirectory("liif-dry-run-").FullName;
        try
        {
            (int exitCode, string output) = await ChildProcess.Run(repository, TimeSpan.FromMinutes(5), "bash",
                ["tools/gpu/dry-run.sh", "--cli-dll", Path.Combine(AppContext.BaseDirectory, "Liif.Cli.dll"), "--keep", keep]);
            Assert.True(exitCode == 0, output);
            // The plan: app chunks and data parts in calls of their own, training in the call of the last part, then the collection.
            Assert.Contains("call 1: carry [\".gpu/run.sh\", \".gpu/app-1-of-2\"]", output);
            Assert.Contains("command: bash tools/gpu/remote.sh train SECONDS_LEFT", output);
            Assert.Contains("command: bash tools/gpu/remote.sh finish", output);
            Assert.Contains("no committed checkpoint: a new run of .gpu/train.yaml", output);
            Assert.Contains("continuing the committed checkpoint", output);

            var secondWindow = new RunFolder(Path.Combine(keep, "window-2"));
            using TrainingCheckpoint first = TrainingCheckpoint.Load(new RunFolder(Path.Combine(keep, "window-1")).Checkpoint);
            using TrainingCheckpoint second = TrainingCheckpoint.Load(secondWindow.Checkpoint);
            Assert.Equal((2L, 4L), (first.State.Iteration, second.State.Iteration));
            Assert.NotEmpty(second.AverageState);
            Assert.Contains("Photos + Scans (6 images; 1 held out for validation)", File.ReadAllText(Path.Combine(keep, "window-2", "train.out")));

            // What a window ships is the average, and the log goes on from the first window's.
            using LoadedModel model = ModelLoader.Load(secondWindow.Model);
            string key = "imnet.layers.0.weight";
            Assert.True(model.Module.state_dict()[key].eq(second.AverageState[key]).all().item<bool>());
            Assert.Equal([1L, 2, 3, 4], TrainingLog.Read(secondWindow.Log).Where(r => r.Loss is not null).Select(r => r.Iteration));
        }
        finally
        {
            Directory.Delete(keep, recursive: true);
        }
    }
}
