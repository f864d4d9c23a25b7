using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
            throw new ConfigException($"{sourceName}: invalid YAML at line {e.Start.Line}: {FirstLine(detail)}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigException($"{sourceName}: expected a YAML mapping (key: value lines) at the top level");
        }

        return (JsonObject)ToJson(root)!;
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

        return ToJson(((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("v")]);
    }

    /// <summary>Writes a tree back as block YAML (lists of scalars inline), readable by PyYAML and by <see cref="Parse"/>.</summary>
    public static string ToYaml(JsonObject tree)
    {
        var sb = new StringBuilder();
        WriteMapping(sb, tree, 0);
        return sb.ToString();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ScalarToJson(scalar),
        _ => throw new ConfigException($"unsupported YAML node at line {node.Start.Line}"),
    };

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

    private static void WriteMapping(StringBuilder sb, JsonObject obj, int indent)
    {
        foreach ((string key, JsonNode? value) in obj)
        {
            sb.Append(' ', indent).Append(FormatKey(key)).Append(':');
            switch (value)
            {
                case JsonObject child when child.Count > 0:
                    sb.Append('\n');
                    WriteMapping(sb, child, indent + 2);
                    break;
                case JsonArray list when list.Any(n => n is JsonObject or JsonArray):
                    sb.Append('\n');
                    foreach (JsonNode? item in list)
                    {
                        if (item is JsonObject o && o.Count > 0)
                        {
                            sb.Append(' ', indent + 2).Append("-\n");
                            WriteMapping(sb, o, indent + 4);
                        }
                        else
                        {
                            sb.Append(' ', indent + 2).Append("- ").Append(Inline(item)).Append('\n');
                        }
                    }

                    break;
                default:
                    sb.Append(' ').Append(Inline(value)).Append('\n');
                    break;
            }
        }
    }

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(", ", o.Select(kv => $"{FormatKey(kv.Key)}: {Inline(kv.Value)}")) + "}",
        JsonArray a => "[" + string.Join(", ", a.Select(Inline)) + "]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => FormatString(v.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    private static string FormatKey(string key) => PlainPattern().IsMatch(key) ? key : FormatString(key);

    /// <summary>Plain when it reads back as the same string, else double-quoted (JSON escapes are valid YAML).</summary>
    private static string FormatString(string s)
    {
        bool plain = s.Length > 0 && PlainPattern().IsMatch(s) && ScalarToJson(new YamlScalarNode(s)) is JsonValue v
            && v.GetValueKind() == JsonValueKind.String;
        return plain ? s : JsonSerializer.Serialize(s);
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_./]([A-Za-z0-9_./ +-]*[A-Za-z0-9_./+-])?$")]
    private static partial Regex PlainPattern();
}
