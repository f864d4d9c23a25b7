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
        byte[] file = new byte[resource.Length];
        resource.ReadExactly(file);
        return ModelLoader.Build(ModelFile.Read(file, FileName), FileName);
    }
}
