namespace Liif.Storage;

/// <summary>
/// The default model that travels inside the library (an embedded copy of the repository's
/// <c>models/edsr-baseline-liif.safetensors</c>), so that <see cref="LiifUpscaler.Load"/> needs no path.
/// </summary>
internal static class ShippedModel
{
    public const string FileName = "edsr-baseline-liif.safetensors";

    /// <summary>The resource's name in the assembly (Liif.csproj's EmbeddedResource).</summary>
    public const string ResourceName = "Liif.Models." + FileName;

    public static LoadedModel Load()
    {
        using Stream resource = typeof(ShippedModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new CheckpointException($"this build of the Liif library carries no default model ({FileName}); pass a model file");
        // ModelLoader reads files (both formats' readers take a path), so the resource goes through a temporary file,
        // deleted as soon as the weights are in memory.
        string temp = Path.Combine(Path.GetTempPath(), $".liif-{FileName}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                resource.CopyTo(file);
            }

            return ModelLoader.Load(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LiifException($"cannot unpack the default model into {Path.GetTempPath()}: {e.Message}", e);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
