namespace Liif.Training;

/// <summary>
/// A small, fast random generator (SplitMix64) whose sequence depends only on its seed, on every platform and .NET
/// version. Training derives one from (seed, epoch, sample index) for each sample and from (seed, epoch) for each
/// epoch's shuffle, so that any iteration of a run can be reproduced without replaying the ones before it.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _state;

    public DeterministicRandom(ulong seed) => _state = seed;

    /// <summary>A generator for the stream named by the given numbers (e.g. seed, epoch, index).</summary>
    public static DeterministicRandom For(params ReadOnlySpan<long> keys)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (long k in keys)
        {
            h = Mix(h ^ (ulong)k) + 0x9E3779B97F4A7C15UL;
        }

        return new DeterministicRandom(Mix(h));
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max].</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, count), without modulo bias.</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ulong n = (ulong)count;
        ulong limit = ulong.MaxValue - ulong.MaxValue % n;
        ulong r;
        do
        {
            r = NextUInt64();
        }
        while (r >= limit);
        return (int)(r % n);
    }

    /// <summary>True with probability 1/2.</summary>
    public bool NextBool() => (NextUInt64() >> 63) != 0;

    /// <summary>Shuffles the first <paramref name="take"/> positions of <paramref name="items"/> (partial Fisher–Yates): they end up a uniform sample without replacement.</summary>
    public void ShufflePrefix<T>(Span<T> items, int take)
    {
        for (int i = 0; i < take && i < items.Length - 1; i++)
        {
            int j = i + NextInt(items.Length - i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
