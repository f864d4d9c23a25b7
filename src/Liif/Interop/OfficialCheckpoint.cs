using System.Collections;
using TorchSharp.PyBridge;

namespace Liif.Interop;

/// <summary>
/// Reads checkpoints saved by the official PyTorch code (yinboc/liif): a pickled
/// <c>{'model': {'name', 'args', 'sd'}, ...}</c> in PyTorch's zip format. TorchSharp.PyBridge's restricted
/// unpickler reads tensors and plain containers only, so no Python code runs. The same reading serves any PyTorch
/// state dict (<see cref="Vgg19Features"/>).
/// </summary>
internal static class OfficialCheckpoint
{
    public static (ModelSpec Spec, Dictionary<string, Tensor> State) Read(string path)
    {
        string name = Path.GetFileName(path);
        Hashtable root = Unpickle(path, "checkpoint (truncated or corrupt?)");
        if (root["model"] is not Hashtable model || model["name"] is not string modelName || model["sd"] is not IDictionary sd)
        {
            throw new CheckpointException($"'{name}' is a PyTorch file but not an official LIIF checkpoint (no 'model' with 'name', 'args', 'sd')");
        }

        var args = model["args"] is IDictionary a ? (JsonObject)ToJson(a)! : new JsonObject();
        return (new ModelSpec(modelName, args), Float32Tensors(sd));
    }

    /// <summary>
    /// The unpickler's plain containers (Hashtable, ArrayList, object[]) of numbers, strings and bools as JSON. A
    /// Hashtable's order changes from process to process (string hashes are randomised), so every mapping's keys are
    /// sorted, with <c>name</c> first as in the official configs: the spec reads the same in every run.
    /// </summary>
    private static JsonNode? ToJson(object? value) => value switch
    {
        IDictionary d => new JsonObject(d.Cast<DictionaryEntry>()
            .Select(e => KeyValuePair.Create(Convert.ToString(e.Key, CultureInfo.InvariantCulture)!, ToJson(e.Value)))
            .OrderBy(kv => kv.Key != "name").ThenBy(kv => kv.Key, StringComparer.Ordinal)),
        IEnumerable list and not string => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
        _ => JsonSerializer.SerializeToNode(value),
    };

    /// <summary>
    /// A PyTorch file's pickle; an unreadable or corrupt file (an entry failing its CRC-32) is a
    /// <see cref="CheckpointException"/>: not a readable <paramref name="what"/>.
    /// </summary>
    public static Hashtable Unpickle(string path, string what)
    {
        InputFile.Check(path, message => new CheckpointException(message));
        try
        {
            ZipCrcCheck.Verify(path);
            return PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CheckpointException($"'{Path.GetFileName(path)}' is not a readable PyTorch {what}: {e.Message.Split('\n')[0].Trim()}", e);
        }
    }

    /// <summary>The tensors of a state dict by key, as float32 (other entries are left out).</summary>
    public static Dictionary<string, Tensor> Float32Tensors(IDictionary stateDict) => stateDict.Cast<DictionaryEntry>()
        .Where(e => e.Key is string && e.Value is Tensor)
        .ToDictionary(e => (string)e.Key, e => ((Tensor)e.Value!).to(float32));
}
