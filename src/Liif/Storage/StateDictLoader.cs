using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Storage;

/// <summary>Copies a state dict into a module after checking that every key and shape fits, with a one-line error.</summary>
public static class StateDictLoader
{
    public static void LoadStrict(nn.Module module, IReadOnlyDictionary<string, Tensor> state, string source)
    {
        Dictionary<string, Tensor> expected = module.state_dict();
        string[] missing = expected.Keys.Where(k => !state.ContainsKey(k)).ToArray();
        string[] unexpected = state.Keys.Where(k => !expected.ContainsKey(k)).ToArray();
        string[] mismatched = expected.Keys.Where(state.ContainsKey)
            .Where(k => !expected[k].shape.SequenceEqual(state[k].shape))
            .Select(k => $"{k} [{string.Join("x", state[k].shape)}] vs [{string.Join("x", expected[k].shape)}]")
            .ToArray();
        if (missing.Length + unexpected.Length + mismatched.Length > 0)
        {
            var parts = new List<string>();
            if (missing.Length > 0)
            {
                parts.Add($"{missing.Length} missing (e.g. {missing[0]})");
            }

            if (unexpected.Length > 0)
            {
                parts.Add($"{unexpected.Length} unexpected (e.g. {unexpected[0]})");
            }

            if (mismatched.Length > 0)
            {
                parts.Add($"{mismatched.Length} of another shape (e.g. {mismatched[0]})");
            }

            throw new CheckpointException($"'{source}' does not fit the architecture it describes: weights {string.Join(", ", parts)}");
        }

        using (no_grad())
        {
            foreach ((string key, Tensor target) in expected)
            {
                target.copy_(state[key]);
            }
        }
    }
}
