namespace Liif.Tests.Training;

public sealed class TrainerTests
{
    [Fact]
    public void A_tiny_model_learns_in_30_iterations_and_leaves_a_complete_run_folder()
    {
        using var data = new TinyTraining();
        string run = data.RunDir("run");
        var observer = new RecordingObserver();
        TrainingOutcome outcome;
        using (TrainingRun trainer = TrainingRun.Start(data.Config(epochs: 8, set: ["epoch_val=2", "epoch_save=4"]), run, observer))
        {
            outcome = trainer.Run(stop: TestContext.Current.CancellationToken);
        }

        Assert.Equal(TrainingEndReason.Completed, outcome.Reason);
        Assert.Equal(32, outcome.Iteration); // 8 images × repeat 2 / batch 4 = 4 per epoch
        double[] losses = observer.Steps.Select(s => s.Loss).ToArray();
        double first = losses.Take(5).Average(), last = losses.TakeLast(5).Average();
        Assert.True(last < 0.7 * first, $"loss should fall: first 5 {first:F4}, last 5 {last:F4}");
        Assert.Equal(4, observer.Psnrs.Count);
        Assert.True(observer.Psnrs[^1] > observer.Psnrs[0], $"validation PSNR should rise: {string.Join(", ", observer.Psnrs)}");

        foreach (string file in new[] { "config.yaml", "checkpoint.safetensors", "model.safetensors", "log.csv", "curve.png" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }

        IReadOnlyList<TrainingLogRow> log = TrainingLog.Read(Path.Combine(run, "log.csv"));
        Assert.Equal(32 + 4, log.Count);
        Assert.Equal(losses, log.Where(r => r.Loss is not null).Select(r => r.Loss!.Value), new ToleranceComparer(1e-6));

        using LoadedModel model = ModelLoader.Load(Path.Combine(run, "model.safetensors"));
        Assert.Equal(32, model.Provenance.Iterations);
        Assert.Equal(8, model.Provenance.Epochs);
        Assert.Equal(4, model.Provenance.BatchSize);
        Assert.Contains("train (8 images)", model.Provenance.TrainingData);
        Assert.NotNull(model.Provenance.Metrics);

        using TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(Path.Combine(run, "checkpoint.safetensors"));
        Assert.Equal((8, 0, 32L), (checkpoint.State.EpochsDone, checkpoint.State.BatchesDoneInEpoch, checkpoint.State.Iteration));
        Assert.Equal(8, checkpoint.State.Scheduler.LastEpoch);
        Assert.Equal(32, checkpoint.OptimizerState["encoder.head.0.weight.step"].item<long>());
        Assert.True(checkpoint.OptimizerState.ContainsKey("imnet.layers.0.weight.exp_avg_sq"));
        Assert.DoesNotContain(checkpoint.OptimizerState.Keys, k => k.Contains("sub_mean")); // frozen: not optimised
        Assert.Contains("encoder.sub_mean.weight", checkpoint.ModelState.Keys);
    }

    [Fact]
    public void A_bf16_decoder_run_follows_the_fp32_loss_curve()
    {
        using var data = new TinyTraining();
        double[] Losses(string precision)
        {
            var observer = new RecordingObserver();
            using TrainingRun trainer = TrainingRun.Start(data.Config(epochs: 3, set: ["epoch_val=0", $"precision={precision}"]), data.RunDir(precision), observer);
            trainer.Run(stop: TestContext.Current.CancellationToken);
            return observer.Steps.Select(s => s.Loss).ToArray();
        }

        double[] fp32 = Losses("fp32"), bf16 = Losses("bf16");
        Assert.Equal(12, bf16.Length);
        for (int i = 0; i < fp32.Length; i++)
        {
            Assert.True(Math.Abs(bf16[i] - fp32[i]) < 0.03 * fp32[i], $"step {i + 1}: bf16 loss {bf16[i]:F5}, fp32 {fp32[i]:F5}");
        }

        Assert.Contains("precision: bf16", File.ReadAllText(new RunFolder(data.RunDir("bf16")).Config));
    }

    [Fact]
    public void Resuming_reproduces_the_uninterrupted_run()
    {
        using var data = new TinyTraining();
        TrainConfig config = data.Config(epochs: 4, extra: "multi_step_lr: {milestones: [2], gamma: 0.5}");
        using (TrainingRun straight = TrainingRun.Start(config, data.RunDir("straight"), new RecordingObserver()))
        {
            straight.Run(stop: TestContext.Current.CancellationToken);
        }

        // Stopped mid-epoch (iteration 5), then at an epoch boundary (8), then to the end.
        using (TrainingRun a = TrainingRun.Start(config, data.RunDir("resumed"), new RecordingObserver()))
        {
            Assert.Equal(TrainingEndReason.BudgetReached, a.Run(new TrainingBudget(MaxIterations: 5), TestContext.Current.CancellationToken).Reason);
        }

        using (TrainingRun b = TrainingRun.Resume(data.RunDir("resumed"), new RecordingObserver()))
        {
            Assert.Equal(8, b.Run(new TrainingBudget(MaxIterations: 3), TestContext.Current.CancellationToken).Iteration);
        }

        using (TrainingRun c = TrainingRun.Resume(data.RunDir("resumed"), new RecordingObserver()))
        {
            Assert.Equal(TrainingEndReason.Completed, c.Run(stop: TestContext.Current.CancellationToken).Reason);
        }

        IReadOnlyList<TrainingLogRow> expected = TrainingLog.Read(Path.Combine(data.RunDir("straight"), "log.csv"));
        IReadOnlyList<TrainingLogRow> actual = TrainingLog.Read(Path.Combine(data.RunDir("resumed"), "log.csv"));
        Assert.Equal(16 + 4, expected.Count);
        Assert.Equal(expected.Select(r => (r.Epoch, r.Iteration, r.Lr)), actual.Select(r => (r.Epoch, r.Iteration, r.Lr)));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Loss ?? 0, actual[i].Loss ?? 0, 1e-5);
            Assert.Equal(expected[i].ValPsnr ?? 0, actual[i].ValPsnr ?? 0, 1e-3);
        }

        Assert.Equal(5e-4, expected[^1].Lr, 1e-12); // 1e-3 halved after epoch 2
    }

    [Fact]
    public void Resume_refuses_a_folder_without_checkpoint_or_of_another_architecture()
    {
        using var data = new TinyTraining();
        Directory.CreateDirectory(data.RunDir("empty"));
        var none = Assert.Throws<CheckpointException>(() => TrainingRun.Resume(data.RunDir("empty"), new RecordingObserver()));
        Assert.Contains("has no checkpoint.safetensors", none.Message);

        using (TrainingRun t = TrainingRun.Start(data.Config(epochs: 1), data.RunDir("run"), new RecordingObserver()))
        {
            t.Run(new TrainingBudget(MaxIterations: 1), TestContext.Current.CancellationToken);
        }

        ModelSpec other = ModelSpec.FromJson(System.Text.Json.Nodes.JsonNode.Parse(
            data.Config().Model.ToString().Replace("\"n_feats\":8", "\"n_feats\":12")));
        var arch = Assert.Throws<CheckpointException>(() => TrainingRun.Resume(data.RunDir("run"), new RecordingObserver(), expectedModel: other));
        Assert.Contains("another architecture", arch.Message);

        var again = Assert.Throws<CheckpointException>(() => TrainingRun.Start(data.Config(), data.RunDir("run"), new RecordingObserver()));
        Assert.Contains("--resume", again.Message);
    }

    [Fact]
    public void Seeded_initialisation_depends_only_on_the_seed()
    {
        using var data = new TinyTraining(images: 0);
        using LiifModel a = (LiifModel)ModelFactory.Make(data.Config().Model), b = (LiifModel)ModelFactory.Make(data.Config().Model);
        SeededInitialization.Apply(a, 5);
        TorchSharp.torch.rand(100); // someone else using the global generator in between
        SeededInitialization.Apply(b, 5);
        Assert.True(a.Imnet.FirstLayer.weight!.eq(b.Imnet.FirstLayer.weight!).all().item<bool>());
        float bound = 1 / MathF.Sqrt(a.Imnet.FirstLayer.in_features);
        Assert.True(a.Imnet.FirstLayer.weight!.abs().max().item<float>() <= bound);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
