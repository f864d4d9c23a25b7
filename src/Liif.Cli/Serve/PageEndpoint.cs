using Microsoft.AspNetCore.Http;

namespace Liif.Cli.Serve;

/// <summary>
/// <c>GET /</c>: the web app, one HTML page with its CSS and JS, embedded in the assembly. Its Content-Security-Policy
/// lets it load nothing from another origin (no CDN, no font, no script), so it works on an offline machine.
/// </summary>
internal static class PageEndpoint
{
    public const string ResourceName = "Liif.Cli.Serve.index.html";

    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' blob: data:; " +
        "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Handle(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-cache";
        // The resource is read in place (memory the assembly already maps): no copy to keep.
        Stream page = typeof(PageEndpoint).Assembly.GetManifestResourceStream(ResourceName)!;
        return Results.Stream(page, "text/html; charset=utf-8");
    }
}
