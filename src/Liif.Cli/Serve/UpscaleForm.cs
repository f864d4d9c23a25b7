using Microsoft.AspNetCore.Http;

namespace Liif.Cli.Serve;

/// <summary>
/// The fields of <c>POST /api/upscale</c>, checked: <c>image</c> (the file), <c>scale</c> (S or SxT) or <c>size</c>
/// (WxH), and the optional <c>model</c>, <c>format</c> and <c>job</c>. The upload's file name is kept only to name
/// the image in messages and in the returned file's name; it never reaches the file system.
/// </summary>
internal sealed record UpscaleForm(byte[] Image, string Name, TargetSize Target, ServedModel Model, OutputFormat Format, string? JobId)
{
    /// <summary>Room for the form's other fields and multipart headers beside the image, in an upload's size limit.</summary>
    public const long FieldsAllowance = 64 * 1024;

    public static async Task<UpscaleForm> ReadAsync(HttpRequest request, ServeSettings settings, CancellationToken token)
    {
        if (!request.HasFormContentType)
        {
            throw new UsageException("send a multipart form (multipart/form-data) with an 'image' file and a 'scale' or 'size' field");
        }

        if (request.ContentLength > settings.MaxUploadBytes + FieldsAllowance)
        {
            throw UploadTooLarge(settings);
        }

        IFormCollection form = await request.ReadFormAsync(token);
        IFormFile image = form.Files.GetFile("image") ?? throw new UsageException("the form has no 'image' file");
        if (image.Length > settings.MaxUploadBytes)
        {
            throw UploadTooLarge(settings);
        }

        string? scale = Field(form, "scale"), size = Field(form, "size");
        if ((scale is null) == (size is null))
        {
            throw new UsageException("give exactly one of the fields 'scale' (S or SxT) or 'size' (WxH)");
        }

        // A bad field is a bad request (400), as a bad option value is a usage error (exit code 2) in the CLI.
        TargetSize target = AsUsage(() => scale is not null ? TargetSize.ParseScale(scale) : TargetSize.ParseSize(size!));
        ServedModel model = settings.Models.Find(Field(form, "model"));
        OutputFormat format = OutputFormat.Parse(Field(form, "format"));
        using var bytes = new MemoryStream((int)image.Length);
        await image.CopyToAsync(bytes, token);
        return new UpscaleForm(bytes.ToArray(), DisplayName(image.FileName), target, model, format, Field(form, "job"));
    }

    /// <summary>The returned file's name: the upload's name with the target, e.g. photo_x3.png or photo_1920x1080.webp.</summary>
    public string ResultFileName
    {
        get
        {
            string stem = new(Path.GetFileNameWithoutExtension(Name).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
            return $"{(stem.Length > 0 ? stem : "image")}_{Target}.{Format.Extension}";
        }
    }

    /// <summary>Thrown for an upload above --max-upload-mb; the endpoint answers it with 413.</summary>
    public static UploadTooLargeException UploadTooLarge(ServeSettings settings) =>
        new($"the upload is above the {settings.MaxUploadBytes / (1024.0 * 1024):0.##} MB limit (raise it with --max-upload-mb)");

    private static T AsUsage<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (LiifException e) when (e is not UsageException)
        {
            throw new UsageException(e.Message);
        }
    }

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } text ? text : null;

    /// <summary>The last segment of the client's file name, without control characters, at most 100 characters.</summary>
    private static string DisplayName(string fileName)
    {
        string name = new(Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c)).Take(100).ToArray());
        return name.Length > 0 ? name : "upload";
    }
}

/// <summary>An upload above the server's size limit: answered with 413 and this one-line message.</summary>
internal sealed class UploadTooLargeException(string message) : LiifException(message);
