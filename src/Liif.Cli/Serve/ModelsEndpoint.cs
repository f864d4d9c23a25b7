namespace Liif.Cli.Serve;

/// <summary><c>GET /api/models</c>: the models offered (the default first), with provenance, and the server's limits.</summary>
internal static class ModelsEndpoint
{
    /// <param name="Id">The name to send as the form field <c>model</c>.</param>
    /// <param name="Label">e.g. "LIIF (edsr-baseline)", "SRCNN".</param>
    /// <param name="Provenance">Where its weights came from (training data, iterations, minutes, device).</param>
    /// <param name="Scale">The one scale a fixed-scale network makes, or null for any scale and size.</param>
    public sealed record Model(string Id, string Label, string? Provenance, int? Scale);

    public sealed record Catalog(string Default, string Device, double MaxMegapixels, double MaxUploadMegabytes, IReadOnlyList<Model> Models);

    public static Catalog Handle(ServeSettings settings) => new(
        settings.Models.Default.Id,
        settings.Device,
        settings.Limit.MaxPixels / 1e6,
        settings.MaxUploadBytes / (1024.0 * 1024),
        settings.Models.Models.Select(m => new Model(m.Id, m.Method.Label, m.Method.Description,
            m.Method.Upscaler is FixedScaleUpscaler f ? f.Scale : null)).ToArray());
}
