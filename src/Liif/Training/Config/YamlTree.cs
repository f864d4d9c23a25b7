using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Liif.Training;

/// <summary>
/// Converts YAML configs to and from a JSON tree (the form <see cref="Models.ModelSpec"/> already uses). Unquoted
/// scalars are typed as PyYAML types them in the official configs: null (~, null, empty), true/false, integers,
/// floats (including the official <c>1.e-4</c> spelling); anything else, and any quoted scalar, is a string.
/// </summary>
internal static partial class YamlTree
{
    /// <summary>Parses a YAML document whose top level is a mapping.</summary>
    public static JsonObject Parse(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            string detail = e.InnerException?.Message ?? e.Message;
            throw new ConfigException($"{sourceName}: invalid YAML at line {e.Start.Line}: {detail.Split('\n')[0].Trim()}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigException($"{sourceName}: expected a YAML mapping (key: value lines) at the top level");
        }

        return (JsonObject)new Conversion(sourceName).ToJson(root, 0)!;
    }

    /// <summary>A single value as written on a command line (<c>2e-4</c>, <c>[100, 200]</c>, <c>true</c>, <c>path/x</c>).</summary>
    public static JsonNode? ParseValue(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader("v: " + text));
        }
        catch (YamlException)
        {
            return JsonValue.Create(text);
        }

        return new Conversion("--set value").ToJson(((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("v")], 1);
    }

    /// <summary>Writes a tree back as block YAML (YamlDotNet's emitter), readable by PyYAML and by <see cref="Parse"/>.</summary>
    public static string ToYaml(JsonObject tree) => Emitter.Serialize(ToPlain(tree));

    private static readonly ISerializer Emitter = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    /// <summary>A JSON tree as the dictionaries, lists and scalars YamlDotNet serialises.</summary>
    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)
            ? l : double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
        JsonValue v => v.GetValueKind() == JsonValueKind.True,
        _ => null,
    };

    /// <summary>
    /// One YAML tree's conversion to JSON, within bounds that no config comes near: 64 levels deep (as deep as
    /// System.Text.Json reads) and a million values. Aliases make a tree a graph: without the first bound, an alias
    /// inside its own anchor (<c>a: &amp;a [*a]</c>) recurses until the stack overflows; without the second, nine
    /// lines of aliases of aliases ("billion laughs") expand into gigabytes.
    /// </summary>
    private sealed class Conversion(string sourceName)
    {
        private const int MaxDepth = 64, MaxValues = 1_000_000;

        private int _values;

        /// <summary><paramref name="node"/>, <paramref name="depth"/> levels below the top, as JSON.</summary>
        public JsonNode? ToJson(YamlNode node, int depth)
        {
            if (++_values > MaxValues)
            {
                throw new ConfigException($"{sourceName}: more than a million values (aliases that expand into too many copies?)");
            }

            return node switch
            {
                _ when depth >= MaxDepth && node is not YamlScalarNode =>
                    throw new ConfigException($"{sourceName}: nested deeper than {MaxDepth} levels at line {node.Start.Line} (or an alias inside its own anchor)"),
                YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(Key(kv.Key), ToJson(kv.Value, depth + 1)))),
                YamlSequenceNode seq => new JsonArray(seq.Children.Select(child => ToJson(child, depth + 1)).ToArray()),
                YamlScalarNode scalar => ScalarToJson(scalar),
                _ => throw new ConfigException($"unsupported YAML node at line {node.Start.Line}"),
            };
        }

        private string Key(YamlNode key) => key is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : throw new ConfigException($"{sourceName}: the key at line {key.Start.Line} is a list or a mapping, not a name");
    }

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        string text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonNode.Parse(text.ToLowerInvariant());
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return JsonNode.Parse(l.ToString(CultureInfo.InvariantCulture));
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
        {
            return JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
