using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liif.Evaluation;

/// <summary>
/// <see cref="EvalReport"/> as JSON: camelCase names, enums as lower-case strings, full-precision numbers
/// ("Infinity" for an infinite PSNR).
/// </summary>
public static class EvalJson
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The report as indented JSON.</summary>
    public static string Serialize(EvalReport report) => JsonSerializer.Serialize(report, s_options);

    /// <summary>Reads a report written by <see cref="Serialize"/>.</summary>
    public static EvalReport Deserialize(string json) =>
        JsonSerializer.Deserialize<EvalReport>(json, s_options)
        ?? throw new JsonException("the JSON holds null, not an evaluation report");

    /// <summary>Any value as JSON with the same conventions (for small command outputs).</summary>
    public static string SerializeValue<T>(T value) => JsonSerializer.Serialize(value, s_options);
}
