namespace Liif.Cli;

/// <summary>The formats images are written in: upscale's <c>--format</c> and the server's form field <c>format</c>.</summary>
internal sealed record OutputFormat(string Name, string Extension, string ContentType)
{
    public static readonly OutputFormat Png = new("png", "png", "image/png");
    public static readonly OutputFormat Jpeg = new("jpeg", "jpg", "image/jpeg");
    public static readonly OutputFormat Webp = new("webp", "webp", "image/webp");

    /// <summary>Whether it stores transparency (JPEG does not).</summary>
    public bool KeepsAlpha => this != Jpeg;

    /// <summary>png (the default when <paramref name="text"/> is absent), jpeg (or jpg) or webp; <paramref name="what"/> names the field in the error.</summary>
    public static OutputFormat Parse(string? text, string what = "format") => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "png" => Png,
        "jpeg" or "jpg" => Jpeg,
        "webp" => Webp,
        _ => throw new UsageException($"bad {what} '{text}' (use png, jpg or webp)"),
    };
}
