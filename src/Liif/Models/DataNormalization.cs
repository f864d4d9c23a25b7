namespace Liif.Models;

/// <summary>
/// The official <c>data_norm</c>: the network sees (x − sub) / div for its input and is trained against
/// (y − sub) / div for its targets, per RGB channel (a single value applies to all three). LIIF uses 0.5 / 0.5,
/// mapping [0, 1] to [-1, 1]; a model file records its own (<see cref="Storage.ModelFile"/>), and every decoder
/// applies the one of its model. The record is the config's form, <c>{inp: {sub, div}, gt: {sub, div}}</c>.
/// </summary>
internal sealed record DataNormalization
{
    public static DataNormalization Default { get; } = new();

    public ChannelNormalization Inp { get; init; } = new();

    public ChannelNormalization Gt { get; init; } = new();

    /// <summary>(x − inp.sub) / inp.div, with the RGB channels along <paramref name="channelDim"/> of x.</summary>
    public Tensor NormalizeInput(Tensor x, int channelDim) => x.sub(Along(Inp.Sub, x, channelDim)).div_(Along(Inp.Div, x, channelDim));

    /// <summary>y · gt.div + gt.sub: a prediction back to [0, 1] colours (unclamped), channels along <paramref name="channelDim"/>.</summary>
    public Tensor DenormalizeOutput(Tensor y, int channelDim) => y.mul(Along(Gt.Div, y, channelDim)).add_(Along(Gt.Sub, y, channelDim));

    /// <summary>What is wrong with it (the key below data_norm and why), or null.</summary>
    public (string Key, string Why)? Problem() => Inp.Problem("inp") ?? Gt.Problem("gt");

    public JsonObject ToJson() => StrictJson.Serialize(this);

    /// <summary>Reads <see cref="ToJson"/>'s form; a problem is a <see cref="ModelSpecException"/> naming the key.</summary>
    public static DataNormalization FromJson(JsonNode node)
    {
        DataNormalization norm = StrictJson.Deserialize<DataNormalization>(node, "data_norm", m => new ModelSpecException(m));
        return norm.Problem() is (string key, string why) ? throw new ModelSpecException($"'data_norm.{key}' {why}") : norm;
    }

    /// <summary>The three values on x's device (fill kernels: see <see cref="DeviceVector"/>), shaped to broadcast along channelDim.</summary>
    private static Tensor Along(IReadOnlyList<float> values, Tensor x, int channelDim)
    {
        long[] shape = [.. Enumerable.Repeat(1L, (int)x.dim())];
        shape[channelDim < 0 ? channelDim + shape.Length : channelDim] = 3;
        return DeviceVector.Of(x.device, [.. Enumerable.Range(0, 3).Select(c => ChannelNormalization.Of(values, c))]).view(shape);
    }
}

/// <summary>One side of <see cref="DataNormalization"/>: sub and div, one value for all channels or one per RGB channel.</summary>
internal sealed record ChannelNormalization
{
    public IReadOnlyList<float> Sub { get; init; } = [0.5f];

    public IReadOnlyList<float> Div { get; init; } = [0.5f];

    /// <summary>(v / 255 − sub) / div for an 8-bit value of channel <paramref name="channel"/>.</summary>
    public float Apply(byte value, int channel) => (value / 255f - Of(Sub, channel)) / Of(Div, channel);

    internal (string Key, string Why)? Problem(string side) =>
        ConfigRule.Fails(Sub.Count is not (1 or 3), $"{side}.sub", "must be 1 or 3 numbers")
        ?? ConfigRule.Fails(Div.Count is not (1 or 3) || Div.Contains(0), $"{side}.div", "must be 1 or 3 non-zero numbers");

    internal static float Of(IReadOnlyList<float> values, int channel) => values[values.Count == 3 ? channel : 0];
}
