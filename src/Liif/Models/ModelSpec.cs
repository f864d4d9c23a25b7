using System.Text.Json.Nodes;

namespace Liif.Models;

/// <summary>
/// A model described as the official code describes it: a registered name and its constructor arguments
/// (<c>{"name": "liif", "args": {...}}</c>). The spec is also the model's config: it is stored in every model file and
/// <see cref="ModelFactory.Make"/> builds the module from it.
/// </summary>
internal sealed record ModelSpec(string Name, JsonObject Args)
{
    public static ModelSpec FromJson(JsonNode? node)
    {
        if (node is not JsonObject obj || obj["name"]?.GetValue<string>() is not string name)
        {
            throw new ModelSpecException("a model spec needs a 'name'");
        }

        return new ModelSpec(name, obj["args"]?.DeepClone() as JsonObject ?? new JsonObject());
    }

    public JsonObject ToJson() => new() { ["name"] = Name, ["args"] = Args.DeepClone() };

    public override string ToString() => ToJson().ToJsonString();

    /// <summary>An argument with a default, as in a Python signature.</summary>
    public T Arg<T>(string key, T fallback)
    {
        JsonNode? node = Args[key];
        if (node is null)
        {
            return fallback;
        }

        try
        {
            return node.GetValue<T>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ModelSpecException($"model '{Name}': argument '{key}' should be {typeof(T).Name}, got {node.ToJsonString()}");
        }
    }

    public ModelSpec? SubSpec(string key) => Args[key] is JsonObject sub ? FromJson(sub) : null;
}

/// <summary>A model spec that names an unknown model or carries arguments of the wrong kind.</summary>
internal sealed class ModelSpecException(string message) : LiifException(message);
