namespace Liif.Cli.Serve;

/// <summary>The image formats the server returns: the form field <c>format</c> (png, jpeg or webp).</summary>
internal sealed record OutputFormat(string Name, string Extension, string ContentType)
{
    public static readonly OutputFormat Png = new("png", "png", "image/png");
    public static readonly OutputFormat Jpeg = new("jpeg", "jpg", "image/jpeg");
    public static readonly OutputFormat Webp = new("webp", "webp", "image/webp");

    /// <summary>Whether it stores transparency (JPEG does not).</summary>
    public bool KeepsAlpha => this != Jpeg;

    /// <summary>png (the default when the field is absent), jpeg (or jpg) or webp.</summary>
    public static OutputFormat Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "png" => Png,
        "jpeg" or "jpg" => Jpeg,
        "webp" => Webp,
        _ => throw new UsageException($"bad format '{text}' (use png, jpeg or webp)"),
    };
}
