namespace Liif.Training;

/// <summary>
/// The official <c>data_norm</c>: the network sees (x − sub) / div for its input and is trained against
/// (y − sub) / div for its targets, per RGB channel (a single value applies to all three). LIIF uses 0.5 / 0.5,
/// mapping [0, 1] to [-1, 1].
/// </summary>
public sealed record DataNormalization(float[] InpSub, float[] InpDiv, float[] GtSub, float[] GtDiv)
{
    public static DataNormalization Default { get; } = new([0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]);

    /// <summary>Expands one value to three channels; three are kept.</summary>
    public static float[] PerChannel(IReadOnlyList<double> values) => values.Count switch
    {
        1 => [(float)values[0], (float)values[0], (float)values[0]],
        3 => [(float)values[0], (float)values[1], (float)values[2]],
        _ => throw new ArgumentException($"expected 1 or 3 values, got {values.Count}"),
    };
}
