using System.Net;
using Liif.Cli;
using Liif.Cli.Serve;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using SkiaSharp;

namespace Liif.Tests.Serve;

/// <summary>
/// The web app end to end in a real browser: <c>liif serve</c>'s host on a free port with the shipped model, and
/// Debian's headless Chromium driven by Playwright. Screenshots go to screenshots/ beside the test assembly.
/// </summary>
public sealed class ServeBrowserTests : IAsyncLifetime
{
    /// <summary>Debian's chromium (or $LIIF_CHROMIUM); Playwright's own browser download is not used.</summary>
    private static readonly string s_chromium = Environment.GetEnvironmentVariable("LIIF_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] s_chromiumArgs =
    [
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly TempFolder _dir = new();
    private IHost? _server;
    private string _url = "";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(s_chromium))
        {
            // CI installs chromium (.ci/run) and must run this test; elsewhere it may be absent.
            Assert.False(IsCi(), $"{s_chromium} not found: .ci/run installs Debian's chromium package before the tests");
            Assert.Skip($"{s_chromium} not found: install Debian's chromium package (apt-get install chromium) to run the browser test");
        }

        string model = DefaultModel.Resolve();
        var settings = new ServeSettings(ModelCatalog.Open(ModelCatalog.WithBaselines(model), m => UpscalerFactory.Open(m, CPU)),
            "cpu", OutputLimit.FromMegapixels(400), 64L << 20);
        _server = ServeHost.Create(settings, new IPEndPoint(IPAddress.Loopback, 0)).Build();
        await _server.StartAsync(TestContext.Current.CancellationToken);
        _url = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = s_chromium,
            Headless = true,
            ChromiumSandbox = false,   // --no-sandbox: the tests may run as root
            Args = s_chromiumArgs,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.StopAsync();
            _server.Dispose();
        }

        _dir.Dispose();
    }

    private static bool IsCi() => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0";

    /// <summary>A photo: Set5's butterfly at half size when ../shared is there, else a synthetic pattern.</summary>
    private static (byte[] Png, int Width, int Height) Photo()
    {
        string? butterfly = SharedData.Data is string data ? Path.Combine(data, "benchmark", "Set5", "HR", "butterfly.png") : null;
        ImageU8 image = butterfly is not null && File.Exists(butterfly)
            ? PilBicubicResize.Resize(ImageFile.Load(butterfly), 128, 128)
            : TestImages.Gradient(128, 96);
        return (ImageFile.Encode(image, "photo.png"), image.Width, image.Height);
    }

    [Fact]
    public async Task Drop_an_image_pick_x3_compare_and_download_by_keyboard()
    {
        (byte[] png, int width, int height) = Photo();
        IBrowserContext context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 }, AcceptDownloads = true });
        IPage page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };
        await page.GotoAsync(_url);
        await page.WaitForSelectorAsync("#model option", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

        // Drop the image on the drop zone, as a file dragged from the desktop.
        IJSHandle dataTransfer = await page.EvaluateHandleAsync("""
            ([base64, name]) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const dt = new DataTransfer();
              dt.items.add(new File([bytes], name, { type: "image/png" }));
              return dt;
            }
            """, new[] { Convert.ToBase64String(png), "butterfly.png" });
        await page.DispatchEventAsync("#drop", "drop", new { dataTransfer });
        await page.WaitForSelectorAsync("#picked li .dims:has-text('→')");

        // x3 with the arrow keys in the scale group (x4 is checked first), then Tab to the button and Enter.
        await page.FocusAsync("#scale-4");
        await page.Keyboard.PressAsync("ArrowLeft");
        Assert.True(await page.IsCheckedAsync("#scale-3"));
        Assert.Equal($"{width}×{height} → {width * 3}×{height * 3}", await page.TextContentAsync("#picked li .dims"));
        Assert.Equal("edsr-baseline-liif", await page.InputValueAsync("#model"));
        Assert.True(await page.IsDisabledAsync("#model option[value=srcnn_x4]"));   // a x4 model, not offered at x3
        await TabUntil(page, "go");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForSelectorAsync(".card.done .result:not([hidden])", new PageWaitForSelectorOptions { Timeout = 120_000 });
        Assert.StartsWith("Done", await page.TextContentAsync(".card .status .text"));
        Assert.Equal($"{width}×{height} → {width * 3}×{height * 3} · LIIF (edsr-baseline) · PNG", await page.TextContentAsync(".card .meta"));

        // The comparison by keyboard: the split slider, zoom (+) and panning (arrows) on the image.
        await page.FocusAsync(".card .split");
        for (int i = 0; i < 10; i++)
        {
            await page.Keyboard.PressAsync("ArrowLeft");
        }

        Assert.Equal("40", await page.InputValueAsync(".card .split"));
        await TabUntil(page, null, "viewer");
        await page.Keyboard.PressAsync("+");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.Equal("2", await page.InputValueAsync(".card .zoom"));
        Assert.Contains("scale(2)", await page.GetAttributeAsync(".card .after img", "style"));
        Assert.Contains("inset(0px 0px 0px 40%)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.card .after')).clipPath"));

        // Download with Enter on the link: the file is the LIIF result at x3.
        await page.FocusAsync(".card .download-result");
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Equal("butterfly_x3.png", download.SuggestedFilename);
        string saved = _dir.File(download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        ImageU8 result = ImageFile.Load(saved);
        Assert.Equal((width * 3, height * 3), (result.Width, result.Height));

        string shot = Path.Combine(ScreenshotFolder, "serve-desktop.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        AssertNotBlank(shot, 1280);
        Assert.Empty(consoleErrors);
        await context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_sized_screen_nothing_overflows()
    {
        (byte[] png, _, _) = Photo();
        string file = _dir.File("photo.png");
        await File.WriteAllBytesAsync(file, png, TestContext.Current.CancellationToken);
        IBrowserContext context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(_url);
        await page.WaitForSelectorAsync("#model option", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

        // The file picker instead of a drop; x2 with the bicubic model (the layout is the point here).
        await page.SetInputFilesAsync("#files", file);
        await page.CheckAsync("#scale-2");
        await page.SelectOptionAsync("#model", "bicubic");
        await page.ClickAsync("#go");
        await page.WaitForSelectorAsync(".card.done .result:not([hidden])", new PageWaitForSelectorOptions { Timeout = 60_000 });

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        double viewerWidth = await page.EvaluateAsync<double>("document.querySelector('.card .viewer').getBoundingClientRect().width");
        Assert.InRange(viewerWidth, 300, 390);
        string shot = Path.Combine(ScreenshotFolder, "serve-phone.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        AssertNotBlank(shot, 780);
        await context.CloseAsync();
    }

    /// <summary>Presses Tab until the focused element has the id (or class) given; fails after 30 presses.</summary>
    private static async Task TabUntil(IPage page, string? id, string? className = null)
    {
        for (int i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            bool there = await page.EvaluateAsync<bool>("([id, cls]) => id ? document.activeElement.id === id : document.activeElement.classList.contains(cls)", new[] { id, className });
            if (there)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {id ?? "." + className}");
    }

    private static void AssertNotBlank(string png, int width)
    {
        ImageU8 shot = ImageFile.Load(png);
        Assert.Equal(width, shot.Width);
        Assert.True(shot.Pixels.Distinct().Count() > 100, $"{png} looks blank");
    }
}
