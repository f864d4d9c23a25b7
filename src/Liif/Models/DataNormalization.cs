using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace Liif.Models;

/// <summary>
/// The official <c>data_norm</c>: the network sees (x − sub) / div for its input and is trained against
/// (y − sub) / div for its targets, per RGB channel (a single value applies to all three). LIIF uses 0.5 / 0.5,
/// mapping [0, 1] to [-1, 1]; a model file records its own (<see cref="Storage.ModelFile"/>), and every decoder
/// applies the one of its model.
/// </summary>
internal sealed record DataNormalization(float[] InpSub, float[] InpDiv, float[] GtSub, float[] GtDiv)
{
    public static DataNormalization Default { get; } = new([0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]);

    /// <summary>Expands one value to three channels; three are kept.</summary>
    public static float[] PerChannel(IReadOnlyList<double> values) => values.Count switch
    {
        1 => [(float)values[0], (float)values[0], (float)values[0]],
        3 => [(float)values[0], (float)values[1], (float)values[2]],
        _ => throw new ArgumentException($"expected 1 or 3 values, got {values.Count}"),
    };

    /// <summary>(x − inp.sub) / inp.div, with the RGB channels along <paramref name="channelDim"/> of x.</summary>
    public Tensor NormalizeInput(Tensor x, int channelDim) => x.sub(Along(InpSub, x, channelDim)).div_(Along(InpDiv, x, channelDim));

    /// <summary>y · gt.div + gt.sub: a prediction back to [0, 1] colours (unclamped), channels along <paramref name="channelDim"/>.</summary>
    public Tensor DenormalizeOutput(Tensor y, int channelDim) => y.mul(Along(GtDiv, y, channelDim)).add_(Along(GtSub, y, channelDim));

    /// <summary>The config's and the model file's form: <c>{"inp": {"sub": [...], "div": [...]}, "gt": {...}}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["inp"] = new JsonObject { ["sub"] = Numbers(InpSub), ["div"] = Numbers(InpDiv) },
        ["gt"] = new JsonObject { ["sub"] = Numbers(GtSub), ["div"] = Numbers(GtDiv) },
    };

    /// <summary>Reads <see cref="ToJson"/>'s form; throws <see cref="FormatException"/> on anything else.</summary>
    public static DataNormalization FromJson(JsonNode? node)
    {
        float[] Read(string part, string key) => node?[part]?[key] is JsonArray a && a.Count is 1 or 3
            ? PerChannel([.. a.Select(v => v!.GetValue<double>())])
            : throw new FormatException($"data_norm.{part}.{key} must be 1 or 3 numbers");
        return new DataNormalization(Read("inp", "sub"), Read("inp", "div"), Read("gt", "sub"), Read("gt", "div"));
    }

    private static JsonArray Numbers(float[] values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    /// <summary>The three values on x's device (fill kernels: see <see cref="DeviceVector"/>), shaped to broadcast along channelDim.</summary>
    private static Tensor Along(float[] values, Tensor x, int channelDim)
    {
        long[] shape = [.. Enumerable.Repeat(1L, (int)x.dim())];
        shape[channelDim < 0 ? channelDim + shape.Length : channelDim] = 3;
        return DeviceVector.Of(x.device, values).view(shape);
    }
}
