namespace Liif.Training;

/// <summary>The trainers by model name, as <see cref="ModelFactory"/> is the models by name: what <c>liif train</c> trains.</summary>
internal static class ModelTrainers
{
    public static readonly IReadOnlyList<string> Names = ["liif", .. ModelFactory.FixedScaleNames];

    /// <summary>The trainer of <paramref name="config"/>'s model (built, not yet on its device); <paramref name="resuming"/> restores its own state from <paramref name="folder"/>.</summary>
    internal static IModelTrainer Make(TrainConfig config, nn.Module model, Device device, RunFolder folder, bool resuming) => model switch
    {
        LiifModel liif => new LiifTrainer(config, liif),
        FixedScaleNetwork network => new FixedScaleTrainer(config, network, device, folder, resuming),
        _ => throw new ConfigException($"config: 'model.name' must be {StrictJson.Either(Names)}, got '{config.Model.Name}'"),
    };
}
