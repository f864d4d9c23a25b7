using System.Text.Json.Nodes;

namespace Liif.Tests.Baselines;

/// <summary>The fixed-scale crop sampler, configs, and one training step of SRCNN, SRResNet and SRGAN.</summary>
public sealed class FixedScaleTrainingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private TrainConfig Config(string yaml)
    {
        string path = _temp.File($"config{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return TrainConfig.Load(path);
    }

    [Fact]
    public void SamplerCutsAnHrCropAndItsPilBicubicLr()
    {
        ImageU8 image = BaselineTestData.Pattern(50, 40);
        var sampler = new FixedScaleCropSampler(6, 4, augment: false, upsampleInput: false);
        FixedScaleSample s = sampler.Sample(image, new DeterministicRandom(5));
        Assert.Equal((6, 24), (s.InputSize, s.HrSize));
        Assert.Equal(3 * 6 * 6, s.Input.Length);
        Assert.Equal(3 * 24 * 24, s.Target.Length);

        // The LR is Pillow's bicubic of the HR crop (both normalised to [-1, 1]).
        ImageU8 hr = FromPlanar(s.Target, 24);
        ImageU8 expected = PilBicubicResize.Resize(hr, 6, 6);
        Assert.Equal(expected.Pixels, FromPlanar(s.Input, 6).Pixels);

        var srcnn = new FixedScaleCropSampler(6, 4, augment: true, upsampleInput: true);
        FixedScaleSample u = srcnn.Sample(image, new DeterministicRandom(5));
        Assert.Equal((24, 24), (u.InputSize, u.HrSize));
        ImageU8 uHr = FromPlanar(u.Target, 24);
        Assert.Equal(PilBicubicResize.Resize(PilBicubicResize.Resize(uHr, 6, 6), 24, 24).Pixels, FromPlanar(u.Input, 24).Pixels);
    }

    [Fact]
    public void FlipsFollowLiifsOrder()
    {
        var square = new ImageU8(2, 2, 1, [1, 2, 3, 4]);
        Assert.Equal(new byte[] { 3, 4, 1, 2 }, FixedScaleCropSampler.Flip(square, true, false, false).Pixels);
        Assert.Equal(new byte[] { 2, 1, 4, 3 }, FixedScaleCropSampler.Flip(square, false, true, false).Pixels);
        Assert.Equal(new byte[] { 1, 3, 2, 4 }, FixedScaleCropSampler.Flip(square, false, false, true).Pixels);
    }

    [Theory]
    [InlineData("srcnn")]
    [InlineData("srresnet")]
    public void OneStepGivesAFiniteLossAndChangesTheWeights(string kind)
    {
        string data = BaselineTestData.ImageFolder(_temp, "data", 2, 40, 36);
        ModelSpec spec = kind == "srcnn" ? BaselineTestData.SrcnnSpec(2) : BaselineTestData.TinySrResNetSpec(2);
        TrainConfig config = Config(BaselineTestData.TrainYaml(data, spec, 8));
        using TrainingRun trainer = TrainingRun.Start(config, _temp.File("run-" + kind), new SilentTrainingObserver());
        Dictionary<string, Tensor> before = trainer.Model.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());

        TrainingOutcome outcome = trainer.Run(new TrainingBudget(MaxIterations: 1), TestContext.Current.CancellationToken);

        Assert.Equal(1, outcome.Iteration);
        double loss = TrainingLog.Read(trainer.Folder.Log).Single().Loss!.Value;
        Assert.True(double.IsFinite(loss) && loss > 0, $"loss {loss}");
        Assert.Contains(trainer.Model.named_parameters(), p => !Same(p.parameter, before[p.name]));

        using LoadedModel saved = ModelLoader.Load(outcome.ModelPath);
        Assert.Equal(kind == "srcnn" ? "SRCNN" : "SRResNet", saved.Provenance.Method);
        Assert.Equal(1, saved.Provenance.Iterations);
    }

    [Fact]
    public void SrganStepUpdatesGeneratorAndDiscriminatorFromTheInitialWeightsAndResumes()
    {
        string data = BaselineTestData.ImageFolder(_temp, "data", 3, 40, 36);
        ModelSpec spec = BaselineTestData.TinySrResNetSpec(2);
        string init = BaselineTestData.SaveModel(_temp, "srresnet.safetensors", spec, "SRResNet");
        string yaml = BaselineTestData.TrainYaml(data, spec, 8, $$"""
            init_from: {{init}}
            adversarial:
              weight: 1.e-3
            """);
        TrainConfig config = Config(yaml);
        string run = _temp.File("run-srgan");
        using (LoadedModel initial = ModelLoader.Load(init))
        using (TrainingRun trainer = TrainingRun.Start(config, run, new SilentTrainingObserver()))
        {
            Dictionary<string, Tensor> start = initial.Module.state_dict();
            Assert.All(trainer.Model.state_dict(), p => Assert.True(Same(p.Value, start[p.Key]), p.Key));
            TrainingOutcome outcome = trainer.Run(new TrainingBudget(MaxIterations: 1), TestContext.Current.CancellationToken);
            Assert.Equal(1, outcome.Iteration);
            Assert.Contains(trainer.Model.named_parameters(), p => !Same(p.parameter, start[p.name]));
        }

        Assert.True(File.Exists(new RunFolder(run).Discriminator));
        using (TrainingCheckpoint d = TrainingCheckpoint.Load(new RunFolder(run).Discriminator))
        {
            Assert.Equal("srgan-discriminator", d.Spec.Name);
            Assert.Equal(16, ModelFactory.PatchSizeOf(d.Spec));   // the HR crop, 8 × 2
            Assert.NotEmpty(d.OptimizerState);
        }

        using (TrainingRun resumed = TrainingRun.Resume(run, new SilentTrainingObserver()))
        {
            TrainingOutcome more = resumed.Run(new TrainingBudget(MaxIterations: 1), TestContext.Current.CancellationToken);
            Assert.Equal(2, more.Iteration);
        }

        using LoadedModel model = ModelLoader.Load(new RunFolder(run).Model);
        Assert.Equal("SRGAN (MSE content loss)", model.Provenance.Method);
        Assert.Contains("started from the weights of srresnet.safetensors", model.Provenance.Notes);
        Assert.Contains("adversarial", model.Provenance.Notes);
        IReadOnlyList<TrainingLogRow> rows = TrainingLog.Read(new RunFolder(run).Log);
        Assert.All(rows, r => Assert.True(double.IsFinite(r.Loss!.Value)));
    }

    [Fact]
    public void ConfigsAreCheckedKeyByKey()
    {
        string data = BaselineTestData.ImageFolder(_temp, "data", 1, 40, 36);
        var typo = Assert.Throws<ConfigException>(() => Config(BaselineTestData.TrainYaml(data, BaselineTestData.SrcnnSpec(), 8, "epoch_maks: 3")));
        Assert.Contains("epoch_maks", typo.Message);
        var vgg = Assert.Throws<ConfigException>(() => Config(BaselineTestData.TrainYaml(data, BaselineTestData.TinySrResNetSpec(), 8, "content_loss: vgg54")));
        Assert.Contains("vgg", vgg.Message);
        var scale = Assert.Throws<ConfigException>(() => Config(BaselineTestData.TrainYaml(data,
            new ModelSpec("srresnet", new JsonObject { ["scale"] = 5 }), 8)));
        Assert.Contains("x5 is not supported", scale.Message);
        var patch = Assert.Throws<ConfigException>(() => Config(BaselineTestData.TrainYaml(data, BaselineTestData.TinySrResNetSpec(2), 9, "adversarial: {}")));
        Assert.Contains("multiple of 16", patch.Message);
    }

    [Fact]
    public void ShippedConfigsParse()
    {
        string? root = FindRepositoryRoot();
        if (root is null || SharedData.Data is null)
        {
            Assert.Skip("repository configs or ../shared/data not found");
        }

        foreach (string name in new[] { "train_srcnn_x4.yaml", "train_srresnet_x4.yaml", "train_srgan_x4.yaml" })
        {
            string text = File.ReadAllText(Path.Combine(root!, "configs", name)).Replace("../shared", Path.GetFullPath(Path.Combine(SharedData.Data!, "..")));
            TrainConfig config = TrainConfig.FromYaml(text, name);
            Assert.Equal(4, config.FixedScale);
            Assert.Equal(config.ToYaml(), TrainConfig.FromYaml(config.ToYaml(), name).ToYaml());
        }
    }

    private static string? FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "configs", "train_srcnn_x4.yaml")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    private static ImageU8 FromPlanar(float[] chw, int side)
    {
        var image = new ImageU8(side, side, 3);
        int plane = side * side;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                image.Pixels[i * 3 + c] = (byte)Math.Round((chw[c * plane + i] * 0.5f + 0.5f) * 255);
            }
        }

        return image;
    }
}
