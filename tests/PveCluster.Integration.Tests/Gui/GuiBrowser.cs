using Microsoft.Playwright;
using PveCluster.Integration.Tests.Infrastructure;

namespace PveCluster.Integration.Tests.Gui;

/// <summary>
/// Debian's chromium driven by Playwright (it cannot download its own browsers here), one page per node, each
/// page's console watched: an error the test did not announce fails the test. Screenshots of each step go to
/// artifacts/test-results/gui (next to the published binaries), or $PVE_TEST_RESULTS/gui.
/// </summary>
public sealed class GuiBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private int _step;

    private GuiBrowser(IPlaywright playwright, IBrowser browser, string screenshots)
    {
        _playwright = playwright;
        _browser = browser;
        Screenshots = screenshots;
    }

    public string Screenshots { get; }

    public static async Task<GuiBrowser> LaunchAsync(string scenario)
    {
        // Every awaited condition gets a generous deadline: a login or a poll takes seconds at load average 30+.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
        var root = Environment.GetEnvironmentVariable("PVE_TEST_RESULTS")
            ?? Path.Combine(LabRequirements.ArtifactsDirectory() ?? Path.GetTempPath(), "..", "test-results");
        var screenshots = Path.GetFullPath(Path.Combine(root, "gui", scenario));
        Directory.CreateDirectory(screenshots);
        return new GuiBrowser(playwright, browser, screenshots);
    }

    /// <summary>A fresh browser context (its own cookies and session storage) on one node's GUI.</summary>
    public async Task<GuiPage> OpenAsync(Uri url, int width = 1280, int height = 800)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,   // the lab's node certificates come from a lab CA the browser does not know
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = url.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var gui = new GuiPage(page, this).Watching();
        // The first start downloads and starts the .NET runtime (a few MB): slow on a loaded 2-core machine, and a
        // download that stalls there leaves the page loading; loading it again is harmless, so it gets a second try.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(url.ToString(), new PageGotoOptions { Timeout = 120_000 });
                await page.Locator("#login-user").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
                return gui;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                await ScreenshotAsync(page, "load-stalled");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{url} did not show the login form; console:\n{string.Join("\n", gui.ConsoleLog)}", e);
            }
        }
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        var file = Path.Combine(Screenshots, $"{Interlocked.Increment(ref _step):00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
