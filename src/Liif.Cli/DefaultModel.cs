namespace Liif.Cli;

/// <summary>The model used when no --model is given: models/ in the repository (or $LIIF_DEFAULT_MODEL).</summary>
public static class DefaultModel
{
    public const string FileName = "edsr-baseline-liif.safetensors";

    public static string Resolve()
    {
        if (Environment.GetEnvironmentVariable("LIIF_DEFAULT_MODEL") is { Length: > 0 } overridden)
        {
            return overridden;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new UsageException(
            $"no default model is installed (models/{FileName} is missing): pass --model FILE, e.g. an official LIIF " +
            "checkpoint (edsr-baseline-liif.pth from github.com/yinboc/liif) or a model from './liif train'");
    }
}
