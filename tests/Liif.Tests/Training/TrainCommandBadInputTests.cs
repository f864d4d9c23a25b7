using Liif.Tests.Cli;

namespace Liif.Tests.Training;

/// <summary>
/// <c>liif train</c>'s bad inputs, run in-process (<see cref="CliHarness"/>): each is one <c>error:</c> line and a
/// non-zero exit code. The child-process cases (signals, SIGKILL) are in <see cref="TrainCommandTests"/>.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class TrainCommandBadInputTests
{
    [Fact]
    public void Bad_input_is_one_line_on_stderr_with_a_non_zero_exit()
    {
        using var data = new TinyTraining(images: 0);
        string config = data.WriteConfig();
        var cases = new (string[] Args, string Expected)[]
        {
            (["--config", config, "--out", data.RunDir("a")], "contains no images"),
            (["--config", config, "--set", "optimizer.args.lrr=1"], "unknown key 'optimizer.args.lrr'"),
            (["--resume", data.Root], "has no checkpoint.safetensors"),
            (["--config", Path.Combine(data.Root, "missing.yaml")], "not found"),
            (["--config", "/dev/zero"], "cannot read '/dev/zero': it is a device, pipe or socket, not a file"),
            ([], "give --config FILE"),
            (["--config", config, "--out", config], "is a file, not a run folder"),
            (["--config", config, "--out", "/proc/liif-run"], "cannot create run folder '/proc/liif-run'"),
            // Running out of memory in training names what training can lower, not the upscaling options. The MLP's
            // first layer of 2e9 units is one allocation that libtorch refuses at once.
            (["--config", config, "--out", data.RunDir("b"), "--set", "model.args.imnet_spec.args.hidden_list=[2000000000]"],
                "out of memory (libtorch could not allocate"),
        };
        foreach ((string[] args, string expected) in cases)
        {
            (int code, _, string err) = CliHarness.Run(["train", .. args]);
            Assert.NotEqual(0, code);
            Assert.StartsWith("error: ", err);
            Assert.DoesNotContain("internal error", err);
            Assert.Contains(expected, err);
            Assert.Single(err.TrimEnd().Split('\n'));
            Assert.True(!err.Contains("out of memory", StringComparison.Ordinal) || err.Contains(ErrorMessage.TrainingOutOfMemoryHint, StringComparison.Ordinal), err);
        }

        // A run that could not start leaves no empty run folder behind.
        Assert.False(Directory.Exists(data.RunDir("a")));
        Assert.False(Directory.Exists(data.RunDir("b")));
    }
}
