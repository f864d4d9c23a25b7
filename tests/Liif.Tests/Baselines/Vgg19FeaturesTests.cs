using TorchSharp.PyBridge;

namespace Liif.Tests.Baselines;

/// <summary>Vgg19Features on small random torchvision-style state dicts (the right keys, narrow widths).</summary>
public sealed class Vgg19FeaturesTests : IDisposable
{
    private static readonly int[] s_widths = [4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 8, 8, 5, 5, 5, 5];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>features.N.weight / bias for the 16 convolutions, plus a classifier key that must be ignored.</summary>
    private static Dictionary<string, Tensor> RandomStateDict(int[] widths, bool dropLast = false)
    {
        manual_seed(5);
        var state = new Dictionary<string, Tensor>();
        long inChannels = 3;
        for (int i = 0; i < Vgg19Features.ConvIndices.Count; i++)
        {
            int index = Vgg19Features.ConvIndices[i];
            if (dropLast && index == 34)
            {
                break;
            }

            state[$"features.{index}.weight"] = randn(widths[i], inChannels, 3, 3).mul(0.2);
            state[$"features.{index}.bias"] = randn(widths[i]).mul(0.01);
            inChannels = widths[i];
        }

        state["classifier.0.weight"] = randn(7, 3);
        return state;
    }

    private string SaveSafetensors(Dictionary<string, Tensor> state, string name = "vgg19.safetensors")
    {
        string path = _temp.File(name);
        using FileStream f = File.Create(path);
        SafetensorsFile.Write(f, state, new Dictionary<string, string>());
        return path;
    }

    [Fact]
    public void LoadsATorchvisionStyleSafetensorsFileAndGivesRelu54Features()
    {
        Dictionary<string, Tensor> state = RandomStateDict(s_widths);
        string path = SaveSafetensors(state);
        using Vgg19Features vgg = Vgg19Features.Load(path);
        Assert.All(vgg.parameters(), p => Assert.False(p.requires_grad));
        Assert.True(vgg.state_dict()["features.34.weight"].eq(state["features.34.weight"]).all().item<bool>());
        Assert.Equal(16, vgg.modules().OfType<TorchSharp.Modules.Conv2d>().Count());
        Assert.Equal(4, vgg.modules().OfType<TorchSharp.Modules.MaxPool2d>().Count());

        using Tensor x = rand(2, 3, 32, 48).mul(2).sub(1);
        using Tensor f = vgg.call(x);
        Assert.Equal(new long[] { 2, 5, 2, 3 }, f.shape);              // four max-pools: /16
        Assert.True(f.min().item<float>() >= 0);                         // after relu5_4
    }

    [Fact]
    public void LoadsAPyTorchPickleToo()
    {
        string path = _temp.File("vgg19.pth");
        PyTorchPickler.PickleStateDict(path, RandomStateDict(s_widths));
        using Vgg19Features vgg = Vgg19Features.Load(path);
        using Tensor f = vgg.call(zeros(1, 3, 16, 16));
        Assert.Equal(new long[] { 1, 5, 1, 1 }, f.shape);
    }

    [Fact]
    public void RejectsFilesThatAreNotVgg19()
    {
        var missing = Assert.Throws<CheckpointException>(() => Vgg19Features.Load(SaveSafetensors(RandomStateDict(s_widths, dropLast: true), "short.safetensors")));
        Assert.Contains("features.34.weight", missing.Message);

        Dictionary<string, Tensor> broken = RandomStateDict(s_widths);
        broken["features.5.weight"] = randn(6, 3, 3, 3);
        var chain = Assert.Throws<CheckpointException>(() => Vgg19Features.Load(SaveSafetensors(broken, "broken.safetensors")));
        Assert.Contains("features.5.weight", chain.Message);

        Assert.Throws<CheckpointException>(() => Vgg19Features.Load(_temp.File("absent.pth")));
    }

    [Fact]
    public void Vgg54ContentLossTrainsASrResNetStep()
    {
        string vgg = SaveSafetensors(RandomStateDict(s_widths));
        string data = BaselineTestData.ImageFolder(_temp, "data", 2, 40, 36);
        string config = _temp.File("vgg.yaml");
        File.WriteAllText(config, BaselineTestData.TrainYaml(data, BaselineTestData.TinySrResNetSpec(2), 8,
            $"content_loss: vgg54\nvgg: {vgg}"));
        TrainConfig parsed = TrainConfig.Load(config);
        Assert.Equal(ContentLoss.Vgg54, parsed.ContentLoss);
        using TrainingRun trainer = TrainingRun.Start(parsed, _temp.File("run"), new SilentTrainingObserver());
        TrainingOutcome outcome = trainer.Run(new TrainingBudget(MaxIterations: 1), TestContext.Current.CancellationToken);
        Assert.Equal(1, outcome.Iteration);
        using (Liif.Storage.LoadedModel saved = Liif.Storage.ModelLoader.Load(outcome.ModelPath))
        {
            Assert.Equal("SRResNet (VGG54 loss)", saved.Provenance.Method);
        }

        double loss = TrainingLog.Read(trainer.Folder.Log).Single().Loss!.Value;
        Assert.True(double.IsFinite(loss));
    }
}
