using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liif.Training;

/// <summary>
/// Reads one mapping of a config tree by key, checking types, and remembers which keys were read so that
/// <see cref="RejectUnknown"/> can name any key nobody asked for (usually a typo). Every error names the full key path.
/// A key set to null counts as absent.
/// </summary>
internal sealed class ConfigSection
{
    private readonly JsonObject _obj;
    private readonly List<string> _known = [];

    public ConfigSection(JsonObject obj, string path)
    {
        _obj = obj;
        Path = path;
    }

    public string Path { get; }

    public JsonObject Node => _obj;

    public static ConfigSection Of(JsonNode? node, string path) => node is JsonObject obj
        ? new ConfigSection(obj, path)
        : throw new ConfigException($"config: '{path}' should be a section of key: value pairs, got {Describe(node)}");

    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key)
    {
        Mark(key);
        return _obj[key] is not null;
    }

    public ConfigSection Section(string key) => Has(key)
        ? Of(_obj[key], KeyPath(key))
        : throw Missing(key);

    public ConfigSection? OptionalSection(string key) => Has(key) ? Of(_obj[key], KeyPath(key)) : null;

    public int Int(string key, int? fallback = null)
    {
        if (!Has(key))
        {
            return fallback ?? throw Missing(key);
        }

        return AsInt(_obj[key], KeyPath(key));
    }

    public int? OptionalInt(string key) => Has(key) ? AsInt(_obj[key], KeyPath(key)) : null;

    public double Number(string key, double? fallback = null)
    {
        if (!Has(key))
        {
            return fallback ?? throw Missing(key);
        }

        return AsNumber(_obj[key], KeyPath(key));
    }

    public bool Bool(string key, bool? fallback = null)
    {
        if (!Has(key))
        {
            return fallback ?? throw Missing(key);
        }

        JsonNode node = _obj[key]!;
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(key, "true or false", node),
        };
    }

    public string String(string key, string? fallback = null)
    {
        if (!Has(key))
        {
            return fallback ?? throw Missing(key);
        }

        JsonNode node = _obj[key]!;
        return node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : throw WrongType(key, "a string", node);
    }

    /// <summary>A string or a list of strings.</summary>
    public IReadOnlyList<string> Strings(string key)
    {
        if (!Has(key))
        {
            throw Missing(key);
        }

        JsonNode node = _obj[key]!;
        if (node.GetValueKind() == JsonValueKind.String)
        {
            return [node.GetValue<string>()];
        }

        if (node is JsonArray list && list.Count > 0 && list.All(n => n?.GetValueKind() == JsonValueKind.String))
        {
            return list.Select(n => n!.GetValue<string>()).ToArray();
        }

        throw WrongType(key, "a string or a non-empty list of strings", node);
    }

    public IReadOnlyList<double> Numbers(string key, IReadOnlyList<double>? fallback = null)
    {
        if (!Has(key))
        {
            return fallback ?? throw Missing(key);
        }

        JsonNode node = _obj[key]!;
        if (node is JsonArray list)
        {
            return list.Select((n, i) => AsNumber(n, $"{KeyPath(key)}[{i}]")).ToArray();
        }

        return [AsNumber(node, KeyPath(key))];
    }

    public IReadOnlyList<int> Ints(string key, IReadOnlyList<int>? fallback = null)
    {
        if (!Has(key))
        {
            return fallback ?? throw Missing(key);
        }

        JsonNode node = _obj[key]!;
        return node is JsonArray list
            ? list.Select((n, i) => AsInt(n, $"{KeyPath(key)}[{i}]")).ToArray()
            : throw WrongType(key, "a list of integers", node);
    }

    /// <summary>Marks keys as known without reading them (e.g. official keys that do not apply here).</summary>
    public void Allow(params string[] keys)
    {
        foreach (string k in keys)
        {
            Mark(k);
        }
    }

    public void RejectUnknown()
    {
        string[] unknown = _obj.Select(kv => kv.Key).Where(k => !_known.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            string more = unknown.Length > 1 ? $" (and {unknown.Length - 1} more)" : "";
            throw new ConfigException($"config: unknown key '{KeyPath(unknown[0])}'{more}; known here: {string.Join(", ", _known)}");
        }
    }

    public ConfigException WrongType(string key, string expected, JsonNode? node) =>
        new($"config: '{KeyPath(key)}' should be {expected}, got {Describe(node)}");

    public ConfigException Invalid(string key, string why) => new($"config: '{KeyPath(key)}' {why}");

    private ConfigException Missing(string key) => new($"config: '{KeyPath(key)}' is missing");

    private void Mark(string key)
    {
        if (!_known.Contains(key))
        {
            _known.Add(key);
        }
    }

    private static int AsInt(JsonNode? node, string path)
    {
        if (node?.GetValueKind() == JsonValueKind.Number)
        {
            JsonValue value = node.AsValue();
            if ((value.TryGetValue(out JsonElement e) && e.TryGetInt32(out int v)) || value.TryGetValue(out v))
            {
                return v;
            }
        }

        throw new ConfigException($"config: '{path}' should be an integer, got {Describe(node)}");
    }

    private static double AsNumber(JsonNode? node, string path)
    {
        if (node?.GetValueKind() == JsonValueKind.Number)
        {
            JsonValue value = node.AsValue();
            if (value.TryGetValue(out JsonElement e))
            {
                return e.GetDouble();
            }

            if (value.TryGetValue(out double d) || double.TryParse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out d))
            {
                return d;
            }
        }

        throw new ConfigException($"config: '{path}' should be a number, got {Describe(node)}");
    }

    internal static string Describe(JsonNode? node) => node switch
    {
        null => "nothing (null)",
        JsonObject => "a section",
        JsonArray => $"a list {Truncate(node.ToJsonString())}",
        _ => Truncate(node.ToJsonString()),
    };

    private static string Truncate(string s) => s.Length > 60 ? s[..57] + "..." : s;
}
