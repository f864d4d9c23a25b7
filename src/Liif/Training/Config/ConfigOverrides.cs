namespace Liif.Training;

/// <summary>
/// Command-line changes to a config tree: <c>key.path=value</c>, the value read as YAML (<c>2e-4</c>, <c>[100, 200]</c>,
/// <c>true</c>, a path). Missing sections on the way are created; the checked config then rejects unknown keys.
/// </summary>
internal static class ConfigOverrides
{
    public static void Apply(JsonObject tree, IEnumerable<string> assignments)
    {
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=');
            if (eq <= 0)
            {
                throw new ConfigException($"--set '{assignment}': expected key.path=value");
            }

            Set(tree, assignment[..eq].Trim(), YamlTree.ParseValue(assignment[(eq + 1)..].Trim()));
        }
    }

    /// <summary>Sets the value at a dotted key path (e.g. <c>optimizer.args.lr</c>).</summary>
    public static void Set(JsonObject tree, string keyPath, JsonNode? value)
    {
        string[] keys = keyPath.Split('.');
        if (keys.Any(k => k.Length == 0))
        {
            throw new ConfigException($"--set: '{keyPath}' is not a valid key path");
        }

        JsonObject node = tree;
        for (int i = 0; i < keys.Length - 1; i++)
        {
            node = (node[keys[i]] ??= new JsonObject()) as JsonObject
                ?? throw new ConfigException(
                    $"config: cannot set '{keyPath}': '{string.Join('.', keys[..(i + 1)])}' is a value, not a section");
        }

        node[keys[^1]] = value;
    }
}
