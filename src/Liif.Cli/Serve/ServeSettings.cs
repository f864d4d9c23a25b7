namespace Liif.Cli.Serve;

/// <summary>What a server offers and its limits (from the <c>liif serve</c> command line, or a test).</summary>
/// <param name="Models">The models, opened.</param>
/// <param name="Device">The device they run on, for the page ("cpu", "cuda").</param>
/// <param name="Limit">The --max-megapixels limit, for inputs (checked from the header, before decoding) and outputs.</param>
/// <param name="MaxUploadBytes">The --max-upload-mb limit on one upload, checked as it arrives.</param>
internal sealed record ServeSettings(ModelCatalog Models, string Device, OutputLimit Limit, long MaxUploadBytes);
