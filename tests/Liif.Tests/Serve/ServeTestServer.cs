using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Liif.Cli;
using Liif.Cli.Serve;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Liif.Tests.Serve;

/// <summary>
/// The <c>liif serve</c> host in-process: the same <see cref="ServeHost"/> the command runs, with
/// WebApplicationFactory's test server in place of Kestrel.
/// </summary>
internal sealed class ServeTestServer(ServeSettings settings) : WebApplicationFactory<ServeSettings>
{
    public ServeSettings Settings => settings;

    protected override IHostBuilder CreateHostBuilder() => ServeHost.Create(settings, new IPEndPoint(IPAddress.Loopback, 0));

    /// <summary>Settings over <paramref name="models"/> (files or "bicubic"), opened on the CPU as the CLI opens them.</summary>
    public static ServeSettings SettingsFor(IEnumerable<string> models, double maxMegapixels = 400, long maxUploadBytes = 64L << 20,
        int maxQueries = TiledLiifUpscaler.DefaultMaxQueries) => new(
        ModelCatalog.Open(models, model => UpscalerFactory.Open(model, CPU, maxQueries)),
        "cpu", OutputLimit.FromMegapixels(maxMegapixels), maxUploadBytes);

    /// <summary>A POST /api/upscale form: the image under <paramref name="fileName"/>, then the given fields.</summary>
    public static MultipartFormDataContent Form(byte[] image, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "image", fileName);
        foreach ((string name, string value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    /// <summary>The error message of a failed request's JSON body.</summary>
    public static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        using JsonDocument json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("error").GetString()!;
    }

    /// <summary>The progress events of a job, as the page's EventSource receives them.</summary>
    public static async IAsyncEnumerable<JobSnapshot> Progress(HttpClient client, string job, [EnumeratorCancellation] CancellationToken token = default)
    {
        using HttpResponseMessage response = await client.GetAsync($"/api/progress/{job}", HttpCompletionOption.ResponseHeadersRead, token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using Stream stream = await response.Content.ReadAsStreamAsync(token);
        await foreach (SseItem<string> item in SseParser.Create(stream).EnumerateAsync(token))
        {
            yield return JsonSerializer.Deserialize<JobSnapshot>(item.Data, JsonSerializerOptions.Web)!;
        }
    }
}
