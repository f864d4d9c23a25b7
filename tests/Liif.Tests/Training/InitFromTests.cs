namespace Liif.Tests.Training;

/// <summary><c>init_from</c>: a run that starts from a model file's weights instead of a random initialisation.</summary>
public sealed class InitFromTests
{
    [Fact]
    public void A_run_starts_from_the_given_weights_and_says_so()
    {
        using var data = new TinyTraining();
        using (TrainingRun first = TrainingRun.Start(data.Config(epochs: 1), data.RunDir("first"), new RecordingObserver()))
        {
            first.Run(stop: TestContext.Current.CancellationToken);
        }

        string init = Path.Combine(data.RunDir("first"), "model.safetensors");
        TrainConfig config = data.Config(epochs: 1, set: [$"init_from={init}", "optimizer.args.lr=1.e-30", "seed=99"]);
        using (TrainingRun second = TrainingRun.Start(config, data.RunDir("second"), new RecordingObserver()))
        {
            second.Run(stop: TestContext.Current.CancellationToken);
        }

        // With a vanishing learning rate the second run ends where it started: at the first run's weights.
        using LoadedModel before = ModelLoader.Load(init);
        using LoadedModel after = ModelLoader.Load(Path.Combine(data.RunDir("second"), "model.safetensors"));
        foreach ((string key, TorchSharp.torch.Tensor value) in before.Module.state_dict())
        {
            Assert.True(value.allclose(after.Module.state_dict()[key], rtol: 0, atol: 1e-6), key);
        }

        Assert.Contains("started from the weights of model.safetensors", after.Provenance.Notes);
    }

    [Fact]
    public void A_missing_init_file_is_a_one_line_error()
    {
        using var data = new TinyTraining();
        TrainConfig config = data.Config(epochs: 1, set: [$"init_from={data.RunDir("none.safetensors")}"]);
        var e = Assert.Throws<CheckpointException>(() => TrainingRun.Start(config, data.RunDir("run"), new RecordingObserver()));
        Assert.Contains("not found", e.Message);
    }
}
