namespace Liif.Training;

/// <summary>
/// Re-draws a model's trainable weights from PyTorch's default distribution for convolutions and linear layers
/// (kaiming_uniform with a = √5, which is U(−1/√fan_in, 1/√fan_in), and the same bound for biases: what the official
/// models get at construction) using a generator of its own seeded from the run's seed. So a run's initial weights
/// depend only on its seed, not on whatever else in the process uses torch's global generator.
/// </summary>
internal static class SeededInitialization
{
    public static void Apply(nn.Module model, long seed)
    {
        using var generator = new Generator(unchecked((ulong)seed));
        using var noGrad = no_grad();
        foreach ((string _, nn.Module module) in model.named_modules())
        {
            (Parameter? weight, Parameter? bias) = module switch
            {
                Conv2d conv => (conv.weight, conv.bias),
                Linear linear => (linear.weight, linear.bias),
                _ => (null, null),
            };
            if (weight is null || !weight.requires_grad)
            {
                continue;
            }

            double bound = 1 / Math.Sqrt(weight.numel() / weight.shape[0]);
            weight.uniform_(-bound, bound, generator);
            bias?.uniform_(-bound, bound, generator);
        }
    }
}
