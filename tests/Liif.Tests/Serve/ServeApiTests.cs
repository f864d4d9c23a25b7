using System.Net;
using System.Net.Http.Json;
using Liif.Cli;
using Liif.Cli.Serve;
using Liif.Tests.Cli;
using SkiaSharp;

namespace Liif.Tests.Serve;

/// <summary>
/// The HTTP API of <c>liif serve</c> in-process: every endpoint, and every bad input answered with a 4xx that carries
/// the CLI's own one-line message (the CLI runs in-process beside it, hence the CLI collection).
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class ServeApiTests : IDisposable
{
    private const double MaxMegapixels = 1;
    private const long MaxUploadBytes = 256 * 1024;

    private readonly TempFolder _dir = new();
    private readonly string _model;
    private readonly string _srcnn;
    private readonly ServeTestServer _server;
    private readonly HttpClient _client;

    public ServeApiTests()
    {
        _model = TestModels.SaveTiny(_dir.Path);
        _srcnn = DefaultModel.FindInModels("srcnn_x4.safetensors") ?? throw new InvalidOperationException("models/srcnn_x4.safetensors is missing");
        _server = new ServeTestServer(ServeTestServer.SettingsFor([_model, "bicubic", _srcnn], MaxMegapixels, MaxUploadBytes));
        _client = _server.CreateClient();
        ImageFile.Save(TestImages.Gradient(12, 9), _dir.File("in.png"));
        byte[] png = File.ReadAllBytes(_dir.File("in.png"));
        File.WriteAllBytes(_dir.File("truncated.png"), png[..(png.Length * 2 / 3)]);
        File.WriteAllText(_dir.File("text.png"), "hello, I am not a PNG");
        File.WriteAllBytes(_dir.File("empty.png"), []);
        File.WriteAllBytes(_dir.File("huge.png"), TestImages.PngHeaderOnly(100_000, 100_000));
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _dir.Dispose();
    }

    private byte[] Input(string name = "in.png") => File.ReadAllBytes(_dir.File(name));

    private Task<HttpResponseMessage> Post(byte[] image, string fileName, params (string, string)[] fields) =>
        _client.PostAsync("/api/upscale", ServeTestServer.Form(image, fileName, fields), TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_page_is_one_self_contained_html_file()
    {
        HttpResponseMessage response = await _client.GetAsync("/", TestContext.Current.CancellationToken);
        string html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<script>", html);
        Assert.Contains("<style>", html);
        Assert.Contains("id=\"files\"", html);
        // No CDN, font, script or style from anywhere else: the machine may be offline.
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("rel=\"stylesheet\"", html);
    }

    [Fact]
    public async Task Models_lists_the_default_first_with_provenance_scales_and_limits()
    {
        ModelsEndpoint.Catalog? catalog = await _client.GetFromJsonAsync<ModelsEndpoint.Catalog>("/api/models", TestContext.Current.CancellationToken);
        Assert.NotNull(catalog);
        Assert.Equal("tiny", catalog.Default);
        Assert.Equal(["tiny", "bicubic", "srcnn_x4"], catalog.Models.Select(m => m.Id));
        Assert.Equal([null, null, 4], catalog.Models.Select(m => m.Scale));
        Assert.Equal("LIIF (edsr-baseline)", catalog.Models[0].Label);
        Assert.Contains("trained on none, 3 iterations", catalog.Models[0].Provenance);
        Assert.Equal("Pillow-compatible bicubic interpolation", catalog.Models[1].Provenance);
        Assert.Contains("T91", catalog.Models[2].Provenance);
        Assert.Equal((MaxMegapixels, 0.25, "cpu"), (catalog.MaxMegapixels, catalog.MaxUploadMegabytes, catalog.Device));
    }

    [Theory]
    [InlineData("scale", "3", 36, 27, "in_x3.png")]
    [InlineData("scale", "3.7", 44, 33, "in_x3.7.png")]
    [InlineData("scale", "2x3", 24, 27, "in_x2x3.png")]
    [InlineData("size", "50x20", 50, 20, "in_50x20.png")]
    public async Task An_upload_comes_back_as_liif_upscale_makes_it(string field, string value, int width, int height, string fileName)
    {
        HttpResponseMessage response = await Post(Input(), "in.png", (field, value));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName);
        ImageU8 served = ImageFile.Decode(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), "served").Image;

        CliHarness.Outcome cli = CliHarness.Run("upscale", _dir.File("in.png"), "-o", _dir.File("cli.png"), $"--{field}", value, "--model", _model);
        Assert.True(cli.Code == 0, cli.ToString());
        ImageU8 expected = ImageFile.Load(_dir.File("cli.png"));
        Assert.Equal((width, height, 3), (served.Width, served.Height, served.Channels));
        Assert.Equal(expected.Pixels, served.Pixels);
    }

    [Theory]
    [InlineData(null, "image/png", "png")]
    [InlineData("png", "image/png", "png")]
    [InlineData("jpeg", "image/jpeg", "jpg")]
    [InlineData("jpg", "image/jpeg", "jpg")]
    [InlineData("WebP", "image/webp", "webp")]
    public async Task The_format_field_picks_png_jpeg_or_webp(string? format, string contentType, string extension)
    {
        (string, string)[] fields = format is null ? [("scale", "2"), ("model", "bicubic")] : [("scale", "2"), ("model", "bicubic"), ("format", format)];
        HttpResponseMessage response = await Post(Input(), "photo.webp", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"photo_x2.{extension}", response.Content.Headers.ContentDisposition?.FileName);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        Assert.Equal(extension switch { "png" => SKEncodedImageFormat.Png, "jpg" => SKEncodedImageFormat.Jpeg, _ => SKEncodedImageFormat.Webp }, codec.EncodedFormat);
        Assert.Equal((24, 18), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public async Task Alpha_is_kept_and_the_fixed_scale_model_makes_its_scale()
    {
        var rgba = TestImages.Noise(6, 5, 4, seed: 3);
        HttpResponseMessage response = await Post(ImageFile.Encode(rgba, "rgba.png"), "rgba.png", ("scale", "2"));
        ImageU8 up = ImageFile.Decode(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), "up").Image;
        Assert.Equal((12, 10, 4), (up.Width, up.Height, up.Channels));

        response = await Post(Input(), "in.png", ("scale", "4"), ("model", "srcnn_x4"));
        ImageU8 srcnn = ImageFile.Decode(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), "srcnn").Image;
        Assert.Equal((48, 36), (srcnn.Width, srcnn.Height));
    }

    /// <summary>
    /// Bad inputs that the CLI can be given too: the API answers with the status for the CLI's exit code (2, a bad
    /// option value: 400; 1: 422) and the CLI's message, naming the upload as the CLI names the file (without the
    /// pointer to --help that the CLI adds to a bad option value).
    /// </summary>
    public static TheoryData<string, string, string[], int, string[]> BadInputsLikeTheCli() => new()
    {
        { "truncated image", "truncated.png", ["scale=2"], 422, ["{dir}/truncated.png", "--scale", "2"] },
        { "non-image", "text.png", ["scale=2"], 422, ["{dir}/text.png", "--scale", "2"] },
        { "empty file", "empty.png", ["scale=2"], 422, ["{dir}/empty.png", "--scale", "2"] },
        { "input above the megapixel limit", "huge.png", ["scale=2"], 422, ["{dir}/huge.png", "--scale", "2"] },
        { "zero scale", "in.png", ["scale=0"], 400, ["{dir}/in.png", "--scale", "0"] },
        { "negative scale", "in.png", ["scale=-3"], 400, ["{dir}/in.png", "--scale", "-3"] },
        { "NaN scale", "in.png", ["scale=NaN"], 400, ["{dir}/in.png", "--scale", "NaN"] },
        { "infinite scale", "in.png", ["scale=Infinity"], 400, ["{dir}/in.png", "--scale", "Infinity"] },
        { "words for a scale", "in.png", ["scale=big"], 400, ["{dir}/in.png", "--scale", "big"] },
        { "a zero in SxT", "in.png", ["scale=2x0"], 400, ["{dir}/in.png", "--scale", "2x0"] },
        { "zero size", "in.png", ["size=0x10"], 400, ["{dir}/in.png", "--size", "0x10"] },
        { "size without height", "in.png", ["size=12"], 400, ["{dir}/in.png", "--size", "12"] },
        { "output above the megapixel limit", "in.png", ["scale=100"], 422, ["{dir}/in.png", "--scale", "100"] },
        { "fixed-scale model at another scale", "in.png", ["scale=3", "model=srcnn_x4"], 422, ["{dir}/in.png", "--scale", "3", "--model", "{srcnn}"] },
    };

    [Theory]
    [MemberData(nameof(BadInputsLikeTheCli))]
    public async Task Bad_input_gets_a_4xx_with_the_cli_message(string what, string file, string[] fields, int status, string[] cliArgs)
    {
        HttpResponseMessage response = await Post(Input(file), file, fields.Select(f => (f.Split('=')[0], f.Split('=', 2)[1])).ToArray());
        string message = await ServeTestServer.ErrorOf(response);

        string[] args = ["upscale", .. cliArgs, "-o", "{dir}/out.png", "--max-megapixels", MaxMegapixels.ToString()];
        if (!cliArgs.Contains("--model"))
        {
            args = [.. args, "--model", "{model}"];
        }

        CliHarness.Outcome cli = CliHarness.Run(args.Select(a => a.Replace("{dir}", _dir.Path).Replace("{model}", _model).Replace("{srcnn}", _srcnn)).ToArray());
        Assert.True(cli.ErrLines.Length == 1, $"{what}: {cli}");
        Assert.Equal(status == 400 ? CommandRunner.Usage : CommandRunner.Failed, cli.Code);
        Assert.Equal(cli.ErrLines[0].Replace(_dir.Path + "/", "").Replace(" (see 'liif upscale --help')", ""), $"error: {message}");
        Assert.Equal(status, (int)response.StatusCode);
    }

    public static TheoryData<string, string[], int, string> BadRequestsOfTheApi() => new()
    {
        { "scale and size", ["scale=2", "size=30x30"], 400, "give exactly one of the fields 'scale' (S or SxT) or 'size' (WxH)" },
        { "neither scale nor size", [], 400, "give exactly one of the fields 'scale' (S or SxT) or 'size' (WxH)" },
        { "unknown model", ["scale=2", "model=edsr"], 400, "unknown model 'edsr' (use one of: tiny, bicubic, srcnn_x4)" },
        { "a path for a model", ["scale=2", "model=../models/srcnn_x4.safetensors"], 400, "unknown model '../models/srcnn_x4.safetensors' (use one of: tiny, bicubic, srcnn_x4)" },
        { "unsupported format", ["scale=2", "format=gif"], 400, "bad format 'gif' (use png, jpg or webp)" },
        { "bad job id", ["scale=2", "job=../../x"], 400, "bad job id (use 1 to 64 letters, digits, '-' or '_')" },
        { "scale given twice", ["scale=2", "scale=3"], 400, "the field 'scale' is given 2 times: give it once" },
        // A field longer than any valid value is refused without quoting it: the error stays one short line.
        { "a model id of 100,000 characters", ["scale=2", $"model={new string('m', 100_000)}"], 400, "the field 'model' is 100000 characters long (at most 100)" },
    };

    [Theory]
    [MemberData(nameof(BadRequestsOfTheApi))]
    public async Task Bad_fields_get_400_with_one_line(string what, string[] fields, int status, string expected)
    {
        HttpResponseMessage response = await Post(Input(), "in.png", fields.Select(f => (f.Split('=')[0], f.Split('=', 2)[1])).ToArray());
        Assert.True(status == (int)response.StatusCode, what);
        Assert.Equal(expected, await ServeTestServer.ErrorOf(response));
    }

    [Fact]
    public async Task A_request_without_a_multipart_image_gets_400()
    {
        HttpResponseMessage response = await _client.PostAsync("/api/upscale", JsonContent.Create(new { scale = 2 }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("send a multipart form", await ServeTestServer.ErrorOf(response));

        var form = new MultipartFormDataContent { { new StringContent("2"), "scale" } };
        response = await _client.PostAsync("/api/upscale", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the form has no 'image' file", await ServeTestServer.ErrorOf(response));
    }

    [Fact]
    public async Task A_form_with_two_images_or_cut_off_before_its_end_gets_400()
    {
        MultipartFormDataContent twoImages = ServeTestServer.Form(Input(), "a.png", ("scale", "2"));
        twoImages.Add(new ByteArrayContent(Input()), "image", "b.png");
        HttpResponseMessage response = await _client.PostAsync("/api/upscale", twoImages, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the form has 2 'image' files: send one image per request", await ServeTestServer.ErrorOf(response));

        // The body ends inside the image part: no closing boundary.
        var cutOff = new ByteArrayContent("--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nabc"u8.ToArray());
        cutOff.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");
        response = await _client.PostAsync("/api/upscale", cutOff, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad multipart form: the body ends before the form's closing boundary", await ServeTestServer.ErrorOf(response));
    }

    [Theory]
    [InlineData("GET", "/api/upscale", 405, "method not allowed: /api/upscale takes POST, the others GET")]
    [InlineData("POST", "/api/models", 405, "method not allowed: /api/upscale takes POST, the others GET")]
    [InlineData("GET", "/index.html", 404, "not found: the page is /, the API /api/models, /api/upscale and /api/progress/{job}")]
    [InlineData("GET", "/api/progress/", 404, "not found: the page is /, the API /api/models, /api/upscale and /api/progress/{job}")]
    public async Task Unknown_paths_and_wrong_methods_get_a_json_error(string method, string path, int status, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        HttpResponseMessage response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(expected, await ServeTestServer.ErrorOf(response));
    }

    [Fact]
    public async Task An_upload_above_the_size_limit_gets_413_before_it_is_decoded()
    {
        byte[] big = new byte[MaxUploadBytes + 1];
        HttpResponseMessage response = await Post(big, "big.png", ("scale", "2"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("the upload is above the 0.25 MB limit (raise it with --max-upload-mb)", await ServeTestServer.ErrorOf(response));
    }

    [Fact]
    public async Task A_job_id_is_used_once()
    {
        HttpResponseMessage first = await Post(Input(), "in.png", ("scale", "2"), ("model", "bicubic"), ("job", "same-id"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        HttpResponseMessage second = await Post(Input(), "in.png", ("scale", "2"), ("model", "bicubic"), ("job", "same-id"));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("job id 'same-id' is already in use: give each upload a new one", await ServeTestServer.ErrorOf(second));
    }

    [Fact]
    public async Task Requests_naming_another_host_are_refused_on_loopback()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/models");
        request.Headers.Host = "rebound.example";
        HttpResponseMessage response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad request: the Host header names a host this server does not answer to (it serves localhost, 127.0.0.1 and [::1])",
            await ServeTestServer.ErrorOf(response));
    }

    [Fact]
    public async Task Progress_of_a_finished_job_and_of_a_bad_id()
    {
        HttpResponseMessage response = await Post(Input(), "in.png", ("scale", "2"), ("job", "finished-job"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = new List<JobSnapshot>();
        await foreach (JobSnapshot e in ServeTestServer.Progress(_client, "finished-job", TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        JobSnapshot done = Assert.Single(events);
        Assert.Equal((JobState.Done, 1.0), (done.State, done.Done));
        // On the wire as the page reads it: camel-case fields, a lower-case state.
        string raw = await _client.GetStringAsync("/api/progress/finished-job", TestContext.Current.CancellationToken);
        Assert.Contains("\"state\":\"done\",\"ahead\":0,\"done\":1", raw);

        HttpResponseMessage bad = await _client.GetAsync("/api/progress/not.an.id", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Uploads_never_touch_the_disk()
    {
        // Large enough that ASP.NET's form reader would buffer it in a temporary file by default (above 64 KiB).
        byte[] png = ImageFile.Encode(TestImages.Noise(250, 250, 3, seed: 1), "noise.png");
        Assert.InRange(png.Length, 100_000, MaxUploadBytes);
        var created = new List<string>();
        using var watcher = new FileSystemWatcher(Path.GetTempPath()) { IncludeSubdirectories = false, EnableRaisingEvents = true };
        watcher.Created += (_, e) =>
        {
            lock (created)
            {
                created.Add(e.Name ?? "");
            }
        };
        HttpResponseMessage response = await Post(png, "noise.png", ("scale", "2"), ("model", "bicubic"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        lock (created)
        {
            Assert.DoesNotContain(created, name => name.StartsWith("ASPNETCORE_", StringComparison.Ordinal));
        }
    }
}
