namespace Liif.Training;

/// <summary>A started or resumed training run that <c>liif train</c> drives: LIIF's <see cref="Trainer"/> or <see cref="FixedScaleTrainer"/>.</summary>
internal interface ITrainingRun : IDisposable
{
    /// <summary>Trains until the last epoch, the budget, or <paramref name="stop"/>; always ends with a saved checkpoint.</summary>
    TrainingOutcome Run(TrainingBudget? budget = null, CancellationToken stop = default);
}
