namespace Liif.Cli;

/// <summary>The model used when no --model is given: models/ in the repository (or $LIIF_DEFAULT_MODEL).</summary>
internal static class DefaultModel
{
    public static string Resolve()
    {
        if (Environment.GetEnvironmentVariable("LIIF_DEFAULT_MODEL") is { Length: > 0 } overridden)
        {
            return overridden;
        }

        if (FindInModels(ShippedModel.FileName) is string found)
        {
            return found;
        }

        throw new UsageException(
            $"no default model is installed (models/{ShippedModel.FileName} is missing): pass --model FILE, e.g. an official LIIF " +
            "checkpoint (edsr-baseline-liif.pth from github.com/yinboc/liif) or a model from './liif train'");
    }

    /// <summary>
    /// <paramref name="fileName"/> in the nearest models/ folder above the executable (the repository's models/), or
    /// null when there is none.
    /// </summary>
    public static string? FindInModels(string fileName)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
