namespace Liif.Training;

/// <summary>A training config that cannot be used: bad YAML, unknown key, wrong type. The message is one line and names the key.</summary>
internal sealed class ConfigException(string message, Exception? inner = null) : LiifException(message, inner);
