using Microsoft.AspNetCore.Http;

namespace Liif.Cli.Serve;

/// <summary>
/// Turns a failed request into an HTTP answer with the CLI's one-line message as JSON, <c>{"error": "..."}</c>:
/// what the CLI reports with exit code 2 (a bad request: scale, size, model, format) is 400, with exit code 1 (a
/// corrupt or non-image upload, an image above the limit) 422; an upload above the size limit is 413. A bug is 500,
/// with its one line, and is printed in full on the server's console.
/// </summary>
public static class ErrorResponse
{
    public sealed record Body(string Error);

    public static IResult For(Exception e)
    {
        switch (e)
        {
            case UploadTooLargeException:
                return Json(StatusCodes.Status413PayloadTooLarge, e.Message);
            case BadHttpRequestException bad:
                // Kestrel's own checks while the body arrives: over MaxRequestBodySize (413), malformed framing.
                return Json(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the upload is above the server's size limit (raise it with --max-upload-mb)" : bad.Message);
            case InvalidDataException:
                // The multipart reader: a malformed form, or a part above the form limits.
                return Json(StatusCodes.Status400BadRequest, $"bad multipart form: {e.Message}");
        }

        (string message, int code) = CommandRunner.Describe(e) ?? ($"internal error ({e.GetType().Name})", CommandRunner.Failed);
        if (message.StartsWith("internal error", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"liif serve: {e}");
            return Json(StatusCodes.Status500InternalServerError, message);
        }

        return Json(code == CommandRunner.Usage ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity, message);
    }

    public static IResult Json(int status, string message) => Results.Json(new Body(message), statusCode: status);
}
