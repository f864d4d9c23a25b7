using System.Text.Json.Nodes;

namespace Liif.Tests.Training;

public sealed class TrainConfigTests
{
    private static string ConfigsDir()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "configs");
            if (File.Exists(Path.Combine(dir.FullName, "Liif.slnx")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("configs/ not found above the test assembly");
    }

    [Fact]
    public void The_paper_config_reads_as_the_official_recipe()
    {
        TrainConfig c = TrainConfig.Load(Path.Combine(ConfigsDir(), "train_edsr-baseline-liif.yaml"));
        Assert.EndsWith(Path.Combine("data", "DIV2K", "DIV2K_train_HR"), c.TrainDataset.Dataset.Args.RootPath.Single());
        Assert.Equal(20, c.TrainDataset.Dataset.Args.Repeat);
        Assert.Equal(new ImplicitDownsampledArgs(48, 1, 4, true, 2304), Assert.IsType<ImplicitDownsampledWrapper>(c.TrainDataset.Wrapper).Args);
        Assert.Equal(16, c.TrainDataset.BatchSize);
        Assert.Equal(1e-4, c.Optimizer.Args.Lr);
        Assert.Equal(1000, c.EpochMax);
        Assert.Equal([200, 400, 600, 800], c.MultiStepLr!.Milestones);
        Assert.Equal(0.5, c.MultiStepLr.Gamma);
        Assert.Equal((1, 100), (c.EpochVal, c.EpochSave));
        Assert.Equal("edsr-baseline", c.Model.SubSpec("encoder_spec")!.Name);
        Assert.Equal([0.5f], c.DataNorm.Gt.Div);
    }

    [Theory]
    [InlineData("train_rdn-liif.yaml", "rdn")]
    [InlineData("train_edsr-baseline-liif_t91-bsd200.yaml", "edsr-baseline")]
    [InlineData("test_tiny-liif.yaml", "edsr-baseline")]
    public void Shipped_configs_are_valid(string file, string encoder)
    {
        TrainConfig c = TrainConfig.Load(Path.Combine(ConfigsDir(), file));
        Assert.Equal(encoder, c.Model.SubSpec("encoder_spec")!.Name);
        // The saved form reads back as the same config.
        TrainConfig again = TrainConfig.FromYaml(c.ToYaml(), "saved");
        Assert.True(JsonNode.DeepEquals(c.ToTree(), again.ToTree()));
    }

    [Fact]
    public void The_gpu_config_trains_on_all_seven_folders_and_validates_on_held_out_training_photos()
    {
        // Its paths are relative to the repository root (where liif runs); here only their last parts matter.
        TrainConfig c = TrainConfig.Load(Path.Combine(ConfigsDir(), "train_edsr-baseline-liif_all-photos.yaml"));

        Assert.Equal(["T91", "BSD200", "Kodak24", "McMaster18", "SunHays80", "Wallpapers", "Wikimedia49"], c.TrainDataset.Dataset.Args.RootPath.Select(Path.GetFileName));
        IReadOnlyList<string> validation = c.ValDataset!.Dataset.Args.RootPath;
        Assert.Equal(8, validation.Count);
        Assert.All(validation, f => Assert.Contains(Path.GetDirectoryName(f), c.TrainDataset.Dataset.Args.RootPath));
        Assert.Equal((0.999, new BudgetLrDecay(0.25, 0), TrainingPrecision.BFloat16), (c.EmaDecay, c.BudgetLrDecay, c.Precision));
        Assert.EndsWith(Path.Combine("models", "edsr-baseline-liif.safetensors"), c.InitFrom);
        Assert.True(JsonNode.DeepEquals(c.ToTree(), TrainConfig.FromYaml(c.ToYaml(), "saved").ToTree()));

        if (SharedData.Data is null)
        {
            Assert.Skip(SharedData.MissingMessage);
        }

        // The training set as the trainer opens it (headers only): every folder read, the 8 photos left out.
        string train = Path.Combine(SharedData.Data, "train");
        var held = new ImageFolderDataset(validation.Select(f => Path.Combine(train, Path.GetFileName(Path.GetDirectoryName(f))!, Path.GetFileName(f))).ToArray(),
            cache: DatasetCacheMode.None);
        var images = new ImageFolderDataset(c.TrainDataset.Dataset.Args.RootPath.Select(r => Path.Combine(train, Path.GetFileName(r))).ToArray(),
            cache: DatasetCacheMode.None, minSide: 192, leaveOut: held.Files);
        Assert.Equal((466, 51, 8), (images.Files.Count, images.SkippedSmall, images.HeldOut));
        Assert.Contains(images.Files, f => f.EndsWith(".jpg", StringComparison.Ordinal));
    }

    [Fact]
    public void Overrides_set_values_by_key_path_as_yaml()
    {
        using var data = new TinyTraining(images: 0);
        string path = data.WriteConfig();
        TrainConfig c = TrainConfig.Load(path, ["optimizer.args.lr=2e-4", "multi_step_lr.milestones=[3, 6]", "multi_step_lr.gamma=0.1",
            "train_dataset.wrapper.args.augment=false"]);
        Assert.Equal(2e-4, c.Optimizer.Args.Lr);
        Assert.Equal([3, 6], c.MultiStepLr!.Milestones);
        Assert.False(Assert.IsType<ImplicitDownsampledWrapper>(c.TrainDataset.Wrapper).Args.Augment);
    }

    [Theory]
    [InlineData("optimizer.args.lrr=1", "unknown key 'optimizer.args.lrr'")]
    [InlineData("train_dataset.ba$tch=4", "unknown key 'train_dataset.ba$tch'")]
    [InlineData("epoch_max=ten", "'epoch_max' should be an integer, got \"ten\"")]
    [InlineData("train_dataset.batch_size=2.5", "'train_dataset.batch_size' should be an integer")]
    [InlineData("train_dataset.wrapper.args.sample_q=1000", "'train_dataset.wrapper.args.sample_q' must be between 1 and inp_size²")]
    [InlineData("model.args.encoder_spec.args.n_feat=8", "unknown key 'model.args.encoder_spec.args.n_feat'")]
    [InlineData("model.args.imnet_spec.args.hidden_list=[16, x]", "'model.args.imnet_spec.args.hidden_list[1]' should be an integer")]
    [InlineData("model.args.encoder_spec.name=edsr-huge", "'model.args.encoder_spec.name' is an unknown encoder")]
    [InlineData("optimizer.name=sgd", "'optimizer.name' must be adam")]
    [InlineData("train_dataset.dataset.args.cache=bin", "'train_dataset.dataset.args.cache' must be in_memory or none")]
    [InlineData("device=tpu", "'device' must be cpu, cuda, cuda:N or auto")]
    [InlineData("precision=fp16", "'precision' must be one of fp32, tf32, bf16, got 'fp16'")]
    [InlineData("data_norm.inp.sub=[1, 2]", "'data_norm.inp.sub' must be 1 or 3 numbers")]
    [InlineData("optimizer.args.lr.x=1", "cannot set 'optimizer.args.lr.x'")]
    [InlineData("train_dataset.wrapper.name=sr-fixed-scale-paired", "unknown key 'train_dataset.wrapper.args.scale_max'; known here: inp_size, augment")]
    [InlineData("train_dataset.wrapper.name=sr-downsampled", "'train_dataset.wrapper.name' must be sr-implicit-downsampled or sr-fixed-scale-paired, got 'sr-downsampled'")]
    [InlineData("train_dataset.dataset.args.root_path=5", "'train_dataset.dataset.args.root_path' should be a string or a list of strings, got 5")]
    [InlineData("model.args.encoder_spec.args.n_resblocks=0", "'model.args.encoder_spec.args.n_resblocks' must be at least 1")]
    [InlineData("content_loss=l1", "'content_loss' applies to the fixed-scale baselines only")]
    [InlineData("val_dataset.wrapper.args.scale=0", "'val_dataset.wrapper.args.scale' must be at least 1")]
    public void Errors_name_the_key(string assignment, string expected)
    {
        using var data = new TinyTraining(images: 0);
        var e = Assert.Throws<ConfigException>(() => TrainConfig.Load(data.WriteConfig(), [assignment]));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Bad_yaml_and_missing_sections_are_one_line_errors()
    {
        var bad = Assert.Throws<ConfigException>(() => TrainConfig.FromYaml("model: [unclosed", "x.yaml"));
        Assert.StartsWith("x.yaml: invalid YAML at line", bad.Message);
        var missing = Assert.Throws<ConfigException>(() => TrainConfig.FromYaml("epoch_max: 3", "x.yaml"));
        Assert.Equal("config: 'train_dataset' is missing", missing.Message);
    }

    [Theory]
    [InlineData("a: &a [*a]\nepoch_max: 3", "x.yaml: nested deeper than 64 levels at line 1 (or an alias inside its own anchor)")]
    [InlineData("a: &a {b: *a}\nepoch_max: 3", "x.yaml: nested deeper than 64 levels")]
    [InlineData("? [a, b]\n: 1", "x.yaml: the key at line 1 is a list or a mapping, not a name")]
    public void Self_containing_aliases_deep_nesting_and_list_keys_are_one_line_errors(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => TrainConfig.FromYaml(yaml, "x.yaml"));
        Assert.StartsWith(expected, e.Message);
        string deep = "extra: " + new string('[', 1000) + new string(']', 1000);
        Assert.StartsWith("x.yaml: nested deeper than 64 levels", Assert.Throws<ConfigException>(() => TrainConfig.FromYaml(deep, "x.yaml")).Message);
        using var data = new TinyTraining(images: 0);
        Assert.StartsWith("--set value: nested deeper", Assert.Throws<ConfigException>(() => TrainConfig.Load(data.WriteConfig(), ["x=&a [*a]"])).Message);
    }

    [Fact]
    public void Aliases_that_expand_into_billions_of_values_are_refused_at_once()
    {
        // a: 9 values; b: 9 copies of a; ... i: 9^9 values, from nine short lines.
        string yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n" + string.Concat("bcdefghi".Select((name, i) =>
            $"{name}: &{name} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i)}", 9))}]\n"));
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<ConfigException>(() => TrainConfig.FromYaml(yaml, "x.yaml"));
        Assert.Equal("x.yaml: more than a million values (aliases that expand into too many copies?)", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_sample_q_up_to_a_huge_inp_size_squared_is_allowed()
    {
        using var data = new TinyTraining(images: 0);
        TrainConfig config = TrainConfig.Load(data.WriteConfig(), ["train_dataset.wrapper.args.inp_size=65536", "train_dataset.wrapper.args.sample_q=2147483647"]);
        Assert.NotNull(config);
    }

    [Fact]
    public void Multi_step_lr_halves_after_each_milestone_epoch()
    {
        var lr = new MultiStepLearningRate(1e-4, [200, 400, 600, 800], 0.5);
        Assert.Equal(1e-4, lr.At(1));
        Assert.Equal(1e-4, lr.At(200));
        Assert.Equal(5e-5, lr.At(201));
        Assert.Equal(6.25e-6, lr.At(1000));
        Assert.Equal(1e-4, new MultiStepLearningRate(1e-4).At(500));
    }
}
