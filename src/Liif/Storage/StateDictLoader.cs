namespace Liif.Storage;

/// <summary>
/// Copies a state dict into a module after checking that every key and shape fits, with a one-line error; and frees a
/// state dict read from a file once its weights are copied or refused.
/// </summary>
internal static class StateDictLoader
{
    /// <summary>Disposes every tensor of <paramref name="state"/>.</summary>
    public static void Dispose(IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (Tensor t in state.Values)
        {
            t.Dispose();
        }
    }

    public static void LoadStrict(nn.Module module, IReadOnlyDictionary<string, Tensor> state, string source)
    {
        Dictionary<string, Tensor> expected = module.state_dict();
        string[] missing = expected.Keys.Where(k => !state.ContainsKey(k)).ToArray();
        string[] unexpected = state.Keys.Where(k => !expected.ContainsKey(k)).ToArray();
        string[] mismatched = expected.Keys.Where(state.ContainsKey)
            .Where(k => !expected[k].shape.SequenceEqual(state[k].shape))
            .Select(k => $"{k} [{string.Join("x", state[k].shape)}] vs [{string.Join("x", expected[k].shape)}]")
            .ToArray();
        string[] problems = new[] { (missing, "missing"), (unexpected, "unexpected"), (mismatched, "of another shape") }
            .Where(p => p.Item1.Length > 0).Select(p => $"{p.Item1.Length} {p.Item2} (e.g. {p.Item1[0]})").ToArray();
        if (problems.Length > 0)
        {
            throw new CheckpointException($"'{source}' does not fit the architecture it describes: weights {string.Join(", ", problems)}");
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
