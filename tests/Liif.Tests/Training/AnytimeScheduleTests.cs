namespace Liif.Tests.Training;

/// <summary>
/// The pieces that let every training window end with a good model: a moving average of the weights (validated,
/// shipped, resumed exactly), a learning rate that decays over the end of each invocation's budget, and periodic
/// checkpoints.
/// </summary>
public sealed class AnytimeScheduleTests
{
    // A short average (0.9) so that it differs clearly from the weights within a few steps of the tiny config.
    private const string Average = "ema_decay: 0.9";

    private static TrainingOutcome Train(TrainingRun trainer, TrainingBudget? budget = null)
    {
        using (trainer)
        {
            return trainer.Run(budget, TestContext.Current.CancellationToken);
        }
    }

    private static Dictionary<string, float[]> Weights(IReadOnlyDictionary<string, Tensor> state) =>
        state.ToDictionary(kv => kv.Key, kv => kv.Value.data<float>().ToArray());

    private static Dictionary<string, float[]> Moments(TrainingCheckpoint c) =>
        Weights(c.OptimizerState.Where(kv => !kv.Key.EndsWith(".step", StringComparison.Ordinal)).ToDictionary());

    [Fact]
    public void Resuming_a_run_with_a_weight_average_reproduces_the_uninterrupted_run()
    {
        using var data = new TinyTraining();
        TrainConfig config = data.Config(epochs: 3, extra: Average);
        Train(TrainingRun.Start(config, data.RunDir("straight"), new RecordingObserver()));

        // Stopped mid-epoch (iteration 5), again at 7, then to the end.
        Assert.Equal(TrainingEndReason.BudgetReached, Train(TrainingRun.Start(config, data.RunDir("resumed"), new RecordingObserver()), new TrainingBudget(MaxIterations: 5)).Reason);
        Train(TrainingRun.Resume(data.RunDir("resumed"), new RecordingObserver()), new TrainingBudget(MaxIterations: 2));
        Assert.Equal(TrainingEndReason.Completed, Train(TrainingRun.Resume(data.RunDir("resumed"), new RecordingObserver())).Reason);

        IReadOnlyList<TrainingLogRow> expected = TrainingLog.Read(new RunFolder(data.RunDir("straight")).Log);
        IReadOnlyList<TrainingLogRow> actual = TrainingLog.Read(new RunFolder(data.RunDir("resumed")).Log);
        Assert.Equal(12 + 3, expected.Count);
        Assert.Equal(expected.Select(r => (r.Iteration, r.Loss, r.Lr, r.ValPsnr)), actual.Select(r => (r.Iteration, r.Loss, r.Lr, r.ValPsnr)));

        using TrainingCheckpoint a = TrainingCheckpoint.Load(new RunFolder(data.RunDir("straight")).Checkpoint);
        using TrainingCheckpoint b = TrainingCheckpoint.Load(new RunFolder(data.RunDir("resumed")).Checkpoint);
        Assert.Equal(Weights(a.ModelState), Weights(b.ModelState));
        Assert.Equal(Weights(a.AverageState), Weights(b.AverageState));
        Assert.Equal(Moments(a), Moments(b));
        Assert.Equal(12, b.OptimizerState["imnet.layers.0.weight.step"].item<long>());
    }

    [Fact]
    public void The_average_follows_each_step_is_what_the_model_file_holds_and_is_what_validation_scores()
    {
        using var data = new TinyTraining();
        string run = data.RunDir("run");
        var observer = new RecordingObserver();
        Dictionary<string, float[]> start;
        using (TrainingRun trainer = TrainingRun.Start(data.Config(epochs: 1, extra: Average), run, observer))
        {
            start = Weights(trainer.Model.state_dict());
            trainer.Run(new TrainingBudget(MaxIterations: 1), TestContext.Current.CancellationToken);
        }

        // After one step the average is 0.9 · (the starting weights) + 0.1 · (the weights after the step).
        using (TrainingCheckpoint one = TrainingCheckpoint.Load(new RunFolder(run).Checkpoint))
        {
            string key = "imnet.layers.0.weight";
            float[] after = one.ModelState[key].data<float>().ToArray(), average = one.AverageState[key].data<float>().ToArray();
            Assert.NotEqual(start[key], after);
            for (int i = 0; i < average.Length; i++)
            {
                Assert.Equal(start[key][i] + 0.1f * (after[i] - start[key][i]), average[i], 1e-7f);
            }
        }

        // Through an epoch with validation: the model file is the average, and its PSNR is the one validation logged.
        Train(TrainingRun.Resume(run, observer));
        using TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(new RunFolder(run).Checkpoint);
        using LoadedModel shipped = ModelLoader.Load(new RunFolder(run).Model);
        Dictionary<string, float[]> model = Weights(shipped.Module.state_dict());
        Assert.Equal(Weights(checkpoint.AverageState), model);
        Assert.NotEqual(Weights(checkpoint.ModelState)["imnet.layers.0.weight"], model["imnet.layers.0.weight"]);
        Assert.Contains("exponential moving average (decay 0.9)", shipped.Provenance.Notes);

        TrainConfig config = data.Config();
        var images = new ImageFolderDataset([data.ValDir]);
        var validator = new WholeImageValidator(images, 2, config.DataNorm, config.EvalBsize);
        double psnr = validator.Evaluate((LiifModel)shipped.Module, CPU, TestContext.Current.CancellationToken)!.Value;
        Assert.Equal(observer.Psnrs[^1], psnr, 1e-4);
        Assert.Equal(checkpoint.State.ValPsnr!.Value, psnr, 1e-4);
    }

    [Fact]
    public void The_rate_falls_along_a_cosine_over_the_last_part_of_the_budget()
    {
        using var data = new TinyTraining();
        string run = data.RunDir("run");
        Train(TrainingRun.Start(data.Config(epochs: 10, extra: "budget_lr_decay: {fraction: 0.5, floor: 0.1}"), run, new RecordingObserver()),
            new TrainingBudget(MaxIterations: 8));
        double[] lrs = TrainingLog.Read(new RunFolder(run).Log).Where(r => r.Loss is not null).Select(r => r.Lr).ToArray();
        // Step k (0-based) runs at progress k/8: full rate up to half the budget, then 0.1 + 0.9 · ½(1 + cos(π t)).
        double[] expected = Enumerable.Range(0, 8).Select(k => 1e-3 * (k <= 4 ? 1 : 0.1 + 0.45 * (1 + Math.Cos(Math.PI * (k / 8.0 - 0.5) / 0.5)))).ToArray();
        Assert.Equal(expected, lrs, (x, y) => Math.Abs(x - y) < 1e-9);

        // The next invocation starts at the full rate again (the log keeps 6 significant digits).
        Train(TrainingRun.Resume(run, new RecordingObserver()), new TrainingBudget(MaxIterations: 4));
        double[] next = TrainingLog.Read(new RunFolder(run).Log).Where(r => r.Loss is not null).Skip(8).Select(r => r.Lr).ToArray();
        Assert.Equal([1e-3, 1e-3, 1e-3, 1e-3 * (0.1 + 0.45 * (1 + Math.Cos(Math.PI * 0.5)))], next, (x, y) => Math.Abs(x - y) < 1e-9);
    }

    [Theory]
    [InlineData(null, 0.2, 1.0)]
    [InlineData(0.5, null, 1.0)]
    [InlineData(0.75, null, 1.0)]
    [InlineData(0.875, null, 0.5)]
    [InlineData(1.0, null, 0.0)]
    [InlineData(0.5, 0.875, 0.5)]
    public void Budget_progress_is_the_larger_of_the_step_and_time_fractions(double? steps, double? minutes, double factor)
    {
        var budget = new TrainingBudget(steps is null ? null : 8, minutes is null ? null : 1);
        double? progress = budget.Progress((long)((steps ?? 0) * 8), TimeSpan.FromMinutes(minutes ?? 0));
        Assert.Equal(factor, new BudgetLrDecay(0.25).Factor(progress), 12);
        Assert.Equal(1, new BudgetLrDecay(0.25).Factor(new TrainingBudget().Progress(100, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void A_save_interval_writes_resumable_checkpoints_in_the_middle_of_epochs()
    {
        using var data = new TinyTraining();
        string run = data.RunDir("run");
        var observer = new RecordingObserver();
        // 4 steps an epoch, no epoch saves: every save but the last comes from the interval, most of them mid-epoch.
        Train(TrainingRun.Start(data.Config(epochs: 2, set: ["epoch_save=0", "epoch_val=0"]), run, observer),
            new TrainingBudget(SaveEveryMinutes: 1e-9));
        string[] saves = observer.Messages.Where(m => m.StartsWith("saved", StringComparison.Ordinal)).ToArray();
        Assert.Equal(8, saves.Length);
        Assert.Contains("at iteration 3 (every", saves[2]);
        Assert.EndsWith("at iteration 8 (end of training)", saves[^1]);
    }

    [Fact]
    public void Config_keys_are_checked_and_written_back()
    {
        using var data = new TinyTraining(images: 0);
        TrainConfig config = data.Config(extra: "ema_decay: 0.999\nbudget_lr_decay: {fraction: 0.3}");
        Assert.Equal(0.999, config.EmaDecay);
        Assert.Equal(new BudgetLrDecay(0.3, 0), config.BudgetLrDecay);
        TrainConfig again = TrainConfig.FromYaml(config.ToYaml(), "written");
        Assert.Equal((config.EmaDecay, config.BudgetLrDecay), (again.EmaDecay, again.BudgetLrDecay));
        Assert.Null(data.Config().EmaDecay);

        Assert.Contains("'ema_decay' must be at least 0 and below 1", Assert.Throws<ConfigException>(() => data.Config(extra: "ema_decay: 1")).Message);
        Assert.Contains("'budget_lr_decay.fraction' must be above 0", Assert.Throws<ConfigException>(() => data.Config(extra: "budget_lr_decay: {fraction: 0}")).Message);
        Assert.Contains("unknown key 'budget_lr_decay.last'", Assert.Throws<ConfigException>(() => data.Config(extra: "budget_lr_decay: {last: 0.2}")).Message);
    }
}
