using System.Collections;
using TorchSharp.PyBridge;

namespace Liif.Interop;

/// <summary>
/// Reads checkpoints saved by the official PyTorch code (yinboc/liif): a pickled
/// <c>{'model': {'name', 'args', 'sd'}, ...}</c> in PyTorch's zip format. TorchSharp.PyBridge's restricted
/// unpickler reads tensors and plain containers only, so no Python code runs.
/// </summary>
internal static class OfficialCheckpoint
{
    public static (ModelSpec Spec, Dictionary<string, Tensor> State) Read(string path)
    {
        string name = Path.GetFileName(path);
        Hashtable root;
        try
        {
            root = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CheckpointException($"'{name}' is not a readable PyTorch checkpoint (truncated or corrupt?): {FirstLine(e.Message)}", e);
        }

        if (root["model"] is not Hashtable model || model["name"] is not string modelName || model["sd"] is not IDictionary sd)
        {
            throw new CheckpointException($"'{name}' is a PyTorch file but not an official LIIF checkpoint (no 'model' with 'name', 'args', 'sd')");
        }

        var args = model["args"] is IDictionary a ? (JsonObject)ToJson(a)! : new JsonObject();
        var state = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry entry in sd)
        {
            if (entry.Value is Tensor t)
            {
                state[(string)entry.Key] = t.to(float32);
            }
        }

        return (new ModelSpec(modelName, args), state);
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        IDictionary d => new JsonObject(d.Cast<DictionaryEntry>().Select(e => KeyValuePair.Create(e.Key.ToString()!, ToJson(e.Value)))),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create(f),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
