namespace Liif.Models;

/// <summary>
/// A model described as the official code describes it: a registered name and its constructor arguments
/// (<c>{"name": "liif", "args": {...}}</c>). The spec is also the model's config: it is stored in every model file and
/// <see cref="ModelFactory"/> checks its arguments and builds the module from it.
/// </summary>
internal sealed record ModelSpec
{
    [JsonConstructor]
    public ModelSpec(string name, JsonObject? args = null)
    {
        Name = name;
        Args = args ?? [];
    }

    public string Name { get; }

    public JsonObject Args { get; }

    public static ModelSpec FromJson(JsonNode? node) =>
        node is JsonObject obj && obj["name"] is JsonValue v && v.TryGetValue(out string? name)
            ? new ModelSpec(name, obj["args"]?.DeepClone() as JsonObject)
            : throw new ModelSpecException("a model spec needs a 'name'");

    public JsonObject ToJson() => new() { ["name"] = Name, ["args"] = Args.DeepClone() };

    public override string ToString() => ToJson().ToJsonString();

    /// <summary>A nested spec among the arguments (a LIIF's <c>encoder_spec</c>), or null.</summary>
    public ModelSpec? SubSpec(string key) => Args[key] is JsonObject sub ? FromJson(sub) : null;
}

/// <summary>A model spec that names an unknown model or carries arguments of the wrong kind.</summary>
internal sealed class ModelSpecException(string message) : LiifException(message);
