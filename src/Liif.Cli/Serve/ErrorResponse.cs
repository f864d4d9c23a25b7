using Microsoft.AspNetCore.Http;

namespace Liif.Cli.Serve;

/// <summary>
/// Turns a failed request into an HTTP answer with the CLI's one-line message (<see cref="ErrorMessage.For"/>) as
/// JSON, <c>{"error": "..."}</c>: a <see cref="UsageException"/> (exit code 2 in the CLI: a request that makes no
/// sense) is 400, any other expected failure (exit code 1: a bad scale, size or upload, an image or output above the
/// limit) 422; an upload above the size limit is 413, and a request the full queue cannot take 503. A bug is 500, with one line, and is printed in full on the
/// server's console.
/// </summary>
internal static class ErrorResponse
{
    public static IResult For(Exception e)
    {
        switch (e)
        {
            case UploadTooLargeException:
                return Json(StatusCodes.Status413PayloadTooLarge, e.Message);
            case QueueFullException:
                return Json(StatusCodes.Status503ServiceUnavailable, e.Message);
            case BadHttpRequestException bad:
                // Kestrel's own checks while the body arrives: over MaxRequestBodySize (413), malformed framing.
                return Json(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the upload is above the server's size limit (raise it with --max-upload-mb)" : bad.Message);
            case InvalidDataException:
                // The multipart reader: a malformed form, or a part above the form limits.
                return Json(StatusCodes.Status400BadRequest, $"bad multipart form: {e.Message}");
        }

        if (ErrorMessage.For(e) is not string message)
        {
            Console.Error.WriteLine($"liif serve: internal error (a bug; please report it with this trace): {e}");
            return Json(StatusCodes.Status500InternalServerError, $"internal error ({e.GetType().Name}): {ErrorMessage.OneLine(e.Message)}");
        }

        return Json(e is UsageException ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity, message);
    }

    /// <summary>
    /// The JSON error of a refusal that has no body of its own: a path no endpoint serves (404), a method it does not
    /// take (405), a host name this server does not answer to (400).
    /// </summary>
    public static Task ForStatus(HttpContext http) => http.Response.WriteAsJsonAsync(new
    {
        error = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "not found: the page is /, the API /api/models, /api/upscale and /api/progress/{job}",
            StatusCodes.Status405MethodNotAllowed => "method not allowed: /api/upscale takes POST, the others GET",
            StatusCodes.Status400BadRequest => "bad request: the Host header names a host this server does not answer to (it serves localhost, 127.0.0.1 and [::1])",
            int status => $"HTTP {status}",
        },
    });

    public static IResult Json(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
