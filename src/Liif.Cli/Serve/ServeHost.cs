using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Liif.Cli.Serve;

/// <summary>
/// The web app as a host: Kestrel on one address, the page and the API. <c>liif serve</c> runs it; the tests run the
/// same host in-process (WebApplicationFactory replaces Kestrel by its test server) or on a free port for a browser.
/// </summary>
internal static class ServeHost
{
    public static IHostBuilder Create(ServeSettings settings, IPEndPoint endpoint) => new HostBuilder()
        .ConfigureLogging(logging =>
        {
            // Warnings and errors only, on stderr: stdout keeps the URL and one line per job.
            logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            // A failed start (a port in use) comes back as the exception, which the command prints in one line.
            logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        })
        .ConfigureWebHost(web => web
            .UseKestrel(kestrel =>
            {
                kestrel.Listen(endpoint);
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = settings.MaxUploadBytes + UpscaleEndpoint.FieldsAllowance;
            })
            .ConfigureServices(services => AddServices(services, settings, endpoint.Address))
            .Configure(app => app
                .UseStatusCodePages(context => ErrorResponse.ForStatus(context.HttpContext))
                .UseHostFiltering()
                .UseRouting()
                .UseEndpoints(MapEndpoints)));

    private static void AddServices(IServiceCollection services, ServeSettings settings, IPAddress address)
    {
        services.AddSingleton(settings);
        services.AddSingleton<JobQueue>();
        services.AddRouting();
        // On a loopback address, only requests that name this machine as localhost are served: a web page elsewhere
        // that points its own host name at 127.0.0.1 (DNS rebinding) gets 400, not the API.
        services.AddHostFiltering(options =>
        {
            options.AllowedHosts = IPAddress.IsLoopback(address) ? ["localhost", "127.0.0.1", "[::1]"] : ["*"];
            // Its refusal then gets the API's JSON error (ErrorResponse.ForStatus) instead of an HTML page.
            options.IncludeFailureMessage = false;
        });
        services.Configure<FormOptions>(options =>
        {
            options.MultipartBodyLengthLimit = settings.MaxUploadBytes + UpscaleEndpoint.FieldsAllowance;
            // Uploads stay in memory (they are decoded from memory anyway): no temporary file to leave behind.
            options.MemoryBufferThreshold = (int)Math.Min(int.MaxValue, settings.MaxUploadBytes + UpscaleEndpoint.FieldsAllowance);
        });
    }

    private static void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", PageEndpoint.Handle);
        routes.MapGet("/api/models", ModelsEndpoint.Handle);
        routes.MapPost("/api/upscale", UpscaleEndpoint.HandleAsync);
        routes.MapGet("/api/progress/{job}", ProgressEndpoint.Handle);
    }
}
