using System.Net;
using Liif.Cli.Serve;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Liif.Cli.Commands;

/// <summary>
/// <c>liif serve</c>: a local web app (one page) and its HTTP API: drop images, pick a scale or size and a model, see
/// progress, compare with bicubic, download. Runs until Ctrl-C.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultHost = "127.0.0.1";

    public static Command Create()
    {
        Option<int> port = ParsedOptions.WholeNumber("--port", 0, 5000, "TCP port to listen on (0: any free port).", max: 65535);
        port.Aliases.Add("-p");
        Option<IPAddress> host = ParsedOptions.Of("--host", ParseHost, $"IP address to listen on. The default, {DefaultHost}, serves this machine only. Any other address (e.g. 0.0.0.0: every network interface) lets everyone who can reach this machine upload images and use its CPU or GPU, over plain HTTP, with no password.");
        host.DefaultValueFactory = _ => IPAddress.Parse(DefaultHost);
        var model = new Option<string?>("--model", "-m") { Description = $"The default model: an official LIIF .pth, a liif model .safetensors, or 'bicubic'. Default: models/{ShippedModel.FileName}. Bicubic and the fixed-scale baselines found in models/ (srcnn_x4, srresnet_x4, srgan_x4) are offered beside it." };
        Option<double> maxMegapixels = ParsedOptions.PositiveNumber("--max-megapixels", OutputLimit.DefaultMegapixels, "Refuse inputs (from their header, before decoding) and outputs larger than this many megapixels.");
        Option<double> maxUpload = ParsedOptions.PositiveNumber("--max-upload-mb", 64, "Refuse uploads larger than this many MiB, as they arrive.");
        var inference = new InferenceOptions();
        var command = new Command("serve", "Run the web app: upscale images in a browser (drop, pick a scale, compare with bicubic, download), and its HTTP API.")
        {
            port, host, model, maxMegapixels, maxUpload,
        };
        inference.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() => Run(
            new IPEndPoint(parse.GetValue(host)!, parse.GetValue(port)),
            new ServeSettings(
                ModelCatalog.Open(ModelCatalog.WithBaselines(parse.GetValue(model) ?? DefaultModel.Resolve()),
                    name => inference.Open(parse, name)),
                parse.GetValue(inference.Device)!.ToString(),
                OutputLimit.FromMegapixels(parse.GetValue(maxMegapixels)),
                (long)(parse.GetValue(maxUpload) * 1024 * 1024)))));
        return command;
    }

    private static int Run(IPEndPoint endpoint, ServeSettings settings)
    {
        using IHost server = ServeHost.Create(settings, endpoint).Build();
        try
        {
            server.Start();
        }
        catch (IOException e)
        {
            // Kestrel's "Failed to bind to address http://127.0.0.1:5000: address already in use." is bad input here.
            throw new LiifException(ErrorMessage.OneLine(e.Message), e);
        }

        string url = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ModelCatalog models = settings.Models;
        string offered = string.Join(", ", models.Models.Select(m => m.Id));
        Console.WriteLine($"models: {offered} (default {models.Default.Id}) on {settings.Device}");
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            Console.WriteLine($"listening on {endpoint.Address}: anyone who can reach this machine can use the server");
        }

        Console.WriteLine($"liif serve: open {url}/ in a browser (Ctrl-C stops)");
        server.WaitForShutdown();
        Console.WriteLine("liif serve: stopped");
        return CommandRunner.Ok;
    }

    /// <summary>An IP address, or 'localhost' as 127.0.0.1; a host name is refused rather than bound to every interface.</summary>
    private static IPAddress ParseHost(string host)
    {
        string h = host.Trim().Trim('[', ']');
        return h.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(h, out IPAddress? parsed) ? parsed
            : throw new LiifException($"bad --host '{host}' (use an IP address: {DefaultHost} for this machine only, 0.0.0.0 for every interface)");
    }
}
