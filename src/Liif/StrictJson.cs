using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Liif;

/// <summary>
/// Deserialises a JSON tree (a YAML config or a model spec's arguments) into records, strictly: keys in snake_case,
/// an unknown key, a missing required key or a value of the wrong type is an error, and a key set to null counts as
/// absent (as in the official YAML configs). System.Text.Json does the reading; this class only turns its exception
/// into a one-line message that names the key path as the user wrote it (<c>'optimizer.args.lr'</c>), what was
/// expected there and what was found, which System.Text.Json's own messages (CLR type names, byte positions) do not.
/// </summary>
internal static partial class StrictJson
{
    public static JsonSerializerOptions Options { get; } = MakeOptions();

    /// <summary>
    /// <paramref name="node"/> as a <typeparamref name="T"/>; a problem is <paramref name="error"/>(message), the
    /// message naming keys below <paramref name="at"/> (the node's own key path, empty for a whole document).
    /// </summary>
    public static T Deserialize<T>(JsonNode node, string at, Func<string, Exception> error)
    {
        JsonNode tree = WithoutNulls(node);
        try
        {
            return tree.Deserialize<T>(Options) ?? throw error($"'{at}' is empty");
        }
        catch (JsonException e)
        {
            throw error(Explain(typeof(T), tree, Segments(e.Path), at));
        }
        catch (NotSupportedException e) when (e.Message.Contains("type discriminator", StringComparison.Ordinal))
        {
            // An abstract section without its 'name' (the discriminator): System.Text.Json says so only in prose.
            string path = e.Message.Split("Path: ", 2).ElementAtOrDefault(1)?.Split(' ', 2)[0] ?? "$";
            throw error($"'{Segments(path).Append("name").Aggregate(at, Join)}' is missing");
        }
    }

    /// <summary>
    /// JSON text from a file (a safetensors header, a model spec) as a tree, a key given twice being a
    /// <see cref="JsonException"/> here: by default System.Text.Json accepts it and the tree throws an
    /// <see cref="ArgumentException"/> only when the object is first read, wherever that is.
    /// </summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8Json) => JsonNode.Parse(utf8Json, documentOptions: s_noDuplicateKeys);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json, documentOptions: s_noDuplicateKeys);

    private static readonly JsonDocumentOptions s_noDuplicateKeys = new() { AllowDuplicateProperties = false };

    /// <summary>A record as a JSON tree in the same naming, nulls left out.</summary>
    public static JsonObject Serialize<T>(T value) => (JsonObject)JsonSerializer.SerializeToNode(value, Options)!;

    /// <summary>A value as an error message shows it: the JSON text, shortened.</summary>
    private static string Describe(JsonNode? node) => node switch
    {
        null => "nothing",
        JsonObject => "a section",
        JsonArray => $"a list {Shorten(node.ToJsonString())}",
        _ => Shorten(node.ToJsonString()),
    };

    /// <summary>A value given where a name is chosen: the name in single quotes, anything else as <see cref="Describe"/>.</summary>
    private static string Choice(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? name) ? $"'{name}'" : Describe(node);

    private static JsonSerializerOptions MakeOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowOutOfOrderMetadataProperties = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>What went wrong at <paramref name="path"/>, found by walking the tree and the target type together.</summary>
    private static string Explain(Type root, JsonNode tree, IReadOnlyList<string> path, string at)
    {
        Type type = root;
        JsonNode? node = tree;
        for (int i = 0; i < path.Count; i++)
        {
            string key = path[i];
            string here = path.Take(i + 1).Aggregate(at, Join);
            JsonTypeInfo info = Options.GetTypeInfo(Concrete(type, node));
            if (key.StartsWith('['))
            {
                type = info.ElementType ?? typeof(object);
                node = node is JsonArray list && int.TryParse(key[1..^1], CultureInfo.InvariantCulture, out int index) && index < list.Count ? list[index] : null;
                continue;
            }

            JsonPropertyInfo? property = info.Properties.FirstOrDefault(p => p.Name == key);
            if (property is null)
            {
                string known = string.Join(", ", info.Properties.Select(p => p.Name));
                return $"unknown key '{here}'" + (known.Length > 0 ? $"; known here: {known}" : "");
            }

            type = property.PropertyType;
            node = node?[key];
        }

        string where = path.Aggregate(at, Join);
        type = Nullable.GetUnderlyingType(type) ?? type;
        JsonTypeInfo target = Options.GetTypeInfo(type);
        if (node is JsonObject section && target.PolymorphismOptions is JsonPolymorphismOptions poly)
        {
            string[] names = poly.DerivedTypes.Select(d => $"{d.TypeDiscriminator}").ToArray();
            return $"'{Join(where, "name")}' must be {Either(names)}, got {Choice(section["name"])}";
        }

        if (node is JsonObject given && target.Kind == JsonTypeInfoKind.Object)
        {
            string? missing = target.Properties.FirstOrDefault(p => p.IsRequired && given[p.Name] is null)?.Name;
            if (missing is not null)
            {
                return $"'{Join(where, missing)}' is missing";
            }
        }

        if (type.IsEnum)
        {
            return $"'{where}' must be {Either(EnumNames(type))}, got {Choice(node)}";
        }

        return $"'{where}' should be {Expected(type)}, got {Describe(node)}";
    }

    /// <summary>The derived type a polymorphic section's name selects, so that the walk can go on below it.</summary>
    private static Type Concrete(Type type, JsonNode? node)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        JsonPolymorphismOptions? poly = Options.GetTypeInfo(type).PolymorphismOptions;
        string? name = node is JsonObject o && o["name"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        return poly?.DerivedTypes.FirstOrDefault(d => Equals(d.TypeDiscriminator, name)).DerivedType ?? type;
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(double) || type == typeof(float) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(IReadOnlyList<string>) => "a string or a list of strings",
        _ when Options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Enumerable => "a list",
        _ => "a section of key: value pairs",
    };

    /// <summary>An enum's names as the options' converter writes (and so reads) them.</summary>
    private static IEnumerable<string> EnumNames(Type type) =>
        Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, Options).Trim('"'));

    /// <summary>"a or b"; "one of a, b, c".</summary>
    public static string Either(IEnumerable<string> names)
    {
        string[] all = names.ToArray();
        return all.Length <= 2 ? string.Join(" or ", all) : $"one of {string.Join(", ", all)}";
    }

    /// <summary>A path of System.Text.Json's form (<c>$.a.b[1]</c>) as segments (<c>a</c>, <c>b</c>, <c>[1]</c>).</summary>
    private static List<string> Segments(string? path) =>
        [.. PathSegment().Matches((path ?? "$").TrimStart('$')).Select(m => m.Value)];

    [GeneratedRegex(@"\[[^\]]*\]|[^.\[\]]+")]
    private static partial Regex PathSegment();

    /// <summary>A key path and a key below it: <c>a.b</c>, <c>a[1]</c>.</summary>
    private static string Join(string at, string key) =>
        at.Length == 0 ? key : key.StartsWith('[') ? at + key : $"{at}.{key}";

    private static JsonNode WithoutNulls(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(kv => kv.Value is not null).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)WithoutNulls(kv.Value!)))),
        JsonArray a => new JsonArray(a.Select(n => n is null ? null : WithoutNulls(n)).ToArray()),
        _ => node.DeepClone(),
    };

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "..." : s;
}
