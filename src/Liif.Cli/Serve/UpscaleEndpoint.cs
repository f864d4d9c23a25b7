using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Liif.Cli.Serve;

/// <summary>
/// <c>POST /api/upscale</c>: one image in, the upscaled image back (as <c>liif upscale</c> makes it). The form's
/// fields are <c>image</c> (the file), <c>scale</c> (S or SxT) or <c>size</c> (WxH), and the optional <c>model</c>,
/// <c>format</c> and <c>job</c>; the upload's file name is kept only to name the image in messages and in the
/// returned file's name, and never reaches the file system. The limits are checked before any pixel is decoded
/// (upload size as it arrives, megapixels from the image's header, the output size from the target); the job then
/// waits for the device in the <see cref="JobQueue"/> and stops if its client leaves. Everything happens in memory:
/// no temporary file is written.
/// </summary>
internal static class UpscaleEndpoint
{
    /// <summary>Room for the form's other fields and multipart headers beside the image, in an upload's size limit.</summary>
    public const long FieldsAllowance = 64 * 1024;

    /// <summary>The longest text field: the longest valid one (a job id) is 64 characters, and messages quote a bad one.</summary>
    public const int MaxFieldLength = 100;

    public static async Task<IResult> HandleAsync(HttpContext http, ServeSettings settings, JobQueue queue,
        IHostApplicationLifetime lifetime)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        CancellationToken token = cancel.Token;
        ServeJob? job = null;
        string name = "upload";
        try
        {
            if (!http.Request.HasFormContentType)
            {
                throw new UsageException("send a multipart form (multipart/form-data) with an 'image' file and a 'scale' or 'size' field");
            }

            if (http.Request.ContentLength > settings.MaxUploadBytes + FieldsAllowance)
            {
                throw UploadTooLarge(settings);
            }

            // A busy server refuses before it reads the upload; JobQueue.Add checks again once the form is in.
            queue.ThrowIfFull();
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(token);
            }
            catch (IOException) when (!token.IsCancellationRequested)
            {
                // The multipart reader, when the body ends before the form's closing boundary.
                throw new UsageException("bad multipart form: the body ends before the form's closing boundary");
            }

            IFormFile file = form.Files.GetFiles("image") switch
            {
                [] => throw new UsageException("the form has no 'image' file"),
                [IFormFile one] => one,
                var files => throw new UsageException($"the form has {files.Count} 'image' files: send one image per request"),
            };
            if (file.Length > settings.MaxUploadBytes)
            {
                throw UploadTooLarge(settings);
            }

            string? scale = Field(form, "scale"), size = Field(form, "size");
            if ((scale is null) == (size is null))
            {
                throw new UsageException("give exactly one of the fields 'scale' (S or SxT) or 'size' (WxH)");
            }

            // A bad field is a bad request (400), as a bad option value is a usage error (exit code 2) in the CLI.
            TargetSize target;
            try
            {
                target = scale is not null ? TargetSize.ParseScale(scale) : TargetSize.ParseSize(size!);
            }
            catch (LiifException e) when (e is not UsageException)
            {
                throw new UsageException(e.Message);
            }

            ServedModel model = settings.Models.Find(Field(form, "model"));
            OutputFormat format = OutputFormat.Parse(Field(form, "format"));
            using var bytes = new MemoryStream((int)file.Length);
            await file.CopyToAsync(bytes, token);
            name = DisplayName(file.FileName);
            job = queue.Add(Field(form, "job"));
            DecodedImage decoded = ImageFile.Decode(bytes.ToArray(), name, settings.Limit.MaxPixels);
            ImageU8 image = decoded.Image;
            (int width, int height) = target.For(image.Width, image.Height);
            settings.Limit.Check(width, height);
            if (model.Method.Upscaler is FixedScaleUpscaler fixedScale)
            {
                fixedScale.CheckSize(image.Width, image.Height, width, height);
            }

            ImageU8 result = await queue.RunAsync(job,
                progress => model.Method.Upscaler.UpscaleImage(image, width, height, progress, format.KeepsAlpha), token);
            // Encoded as liif upscale writes a file of that name, with the input's colour profile.
            string resultName = ResultFileName(name, target, format);
            byte[] encoded = ImageFile.Encode(result, resultName, profile: decoded.Profile);
            Console.WriteLine($"{name} ({image.Width}x{image.Height}) -> {width}x{height} {format.Name} with {model.Id}"
                + $" in {job.Snapshot().ElapsedSeconds:0.0} s");
            return Results.File(encoded, format.ContentType, resultName);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            job?.Finish(JobState.Cancelled);
            Console.WriteLine($"{name}: stopped ({(http.RequestAborted.IsCancellationRequested ? "the client left" : "the server is stopping")})");
            return Results.Empty;
        }
        catch (Exception e)
        {
            job?.Finish(JobState.Failed);
            return ErrorResponse.For(e);
        }
    }

    /// <summary>Thrown for an upload above --max-upload-mb; the endpoint answers it with 413.</summary>
    private static UploadTooLargeException UploadTooLarge(ServeSettings settings) =>
        new($"the upload is above the {settings.MaxUploadBytes / (1024.0 * 1024):0.##} MB limit (raise it with --max-upload-mb)");

    /// <summary>A text field's value, or null when it is absent or empty; given twice, or too long to quote, it is refused.</summary>
    private static string? Field(IFormCollection form, string name)
    {
        if (!form.TryGetValue(name, out var values) || values.ToString() is not { Length: > 0 } text)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw new UsageException($"the field '{name}' is given {values.Count} times: give it once");
        }

        return text.Length <= MaxFieldLength
            ? text
            : throw new UsageException($"the field '{name}' is {text.Length} characters long (at most {MaxFieldLength})");
    }

    /// <summary>The last segment of the client's file name, without control characters, at most 100 characters.</summary>
    private static string DisplayName(string fileName)
    {
        string name = new(Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c)).Take(100).ToArray());
        return name.Length > 0 ? name : "upload";
    }

    /// <summary>
    /// The returned file's name: the upload's name with the target, e.g. photo_x3.png or photo_1920x1080.webp.
    /// </summary>
    private static string ResultFileName(string name, TargetSize target, OutputFormat format)
    {
        string stem = new(Path.GetFileNameWithoutExtension(name)
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return $"{(stem.Length > 0 ? stem : "image")}_{target}.{format.Extension}";
    }
}

/// <summary>An upload above the server's size limit: answered with 413 and this one-line message.</summary>
internal sealed class UploadTooLargeException(string message) : LiifException(message);
