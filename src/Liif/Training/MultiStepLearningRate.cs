namespace Liif.Training;

/// <summary>
/// PyTorch's <c>MultiStepLR</c> as the official trainer steps it (once after every epoch): during epoch e (1-based)
/// the learning rate is lr₀ · γ^k, where k counts the milestones ≤ e − 1. With milestones [200, 400, 600, 800] and
/// γ = 0.5, epochs 1–200 use lr₀, 201–400 use lr₀/2, and so on. Without milestones the rate is constant.
/// </summary>
internal sealed class MultiStepLearningRate(double baseLr, IReadOnlyList<int>? milestones = null, double gamma = 1)
{
    public double BaseLr { get; } = baseLr;

    public IReadOnlyList<int> Milestones { get; } = milestones ?? [];

    public double Gamma { get; } = gamma;

    /// <summary>The rate used throughout 1-based epoch <paramref name="epoch"/>.</summary>
    public double At(int epoch)
    {
        int lastEpoch = epoch - 1;
        int k = Milestones.Count(m => m <= lastEpoch);
        return BaseLr * Math.Pow(Gamma, k);
    }
}
