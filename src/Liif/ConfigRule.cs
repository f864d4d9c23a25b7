namespace Liif;

/// <summary>
/// The limits of a config section or of a model's arguments, written as one expression: each rule is a problem (the
/// key below the section and why) or null, and the first problem of a chain of <c>??</c> is the one reported.
/// </summary>
internal static class ConfigRule
{
    public static (string Key, string Why)? Fails(bool broken, string key, string why) => broken ? (key, why) : null;

    /// <summary>A section's problem with the section's key in front.</summary>
    public static (string Key, string Why)? Below(string section, (string Key, string Why)? problem) =>
        problem is (string key, string why) ? ($"{section}.{key}", why) : null;
}
