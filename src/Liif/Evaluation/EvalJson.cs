using System.Text.Encodings.Web;

namespace Liif.Evaluation;

/// <summary>
/// <see cref="EvalReport"/> and the command line's other JSON: camelCase names, enums as lower-case strings,
/// full-precision numbers, text as it reads ("T91 + BSD200", not "T91 \u002B BSD200"). JSON has no infinity: an
/// infinite PSNR (SR identical to HR on the compared region) is written as null, and read back as +∞.
/// </summary>
internal static class EvalJson
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new FiniteOrNull() },
    };

    /// <summary>A report, or any value (for small command outputs), as indented JSON.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, s_options);

    /// <summary>Reads a report written by <see cref="Serialize"/>.</summary>
    public static EvalReport Deserialize(string json) =>
        JsonSerializer.Deserialize<EvalReport>(json, s_options)
        ?? throw new JsonException("the JSON holds null, not an evaluation report");

    /// <summary>A double as a JSON number, or null when it is not finite (read back as +∞, the only such value a score takes).</summary>
    private sealed class FiniteOrNull : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.PositiveInfinity : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
