using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PveCluster.Integration.Tests.Gui;

/// <summary>One node's GUI in a browser page, with the steps a person takes and a console that must stay clean.</summary>
public sealed class GuiPage(IPage page, GuiBrowser browser)
{
    /// <summary>
    /// Chromium fails requests in flight when the host's network configuration changes: the lab's own cuts and any
    /// other lab starting or stopping beside this one add and remove interfaces on the host. The GUI asks again at
    /// its next poll; it is the browser's reaction to the machine, not an error of the page.
    /// </summary>
    private const string HostNetworkChanged = "net::ERR_NETWORK_CHANGED";

    private readonly List<string> _expected = [HostNetworkChanged];
    private ConcurrentQueue<string>? _consoleErrors;

    public IPage Page { get; } = page;

    /// <summary>Starts watching the console; call before the page loads anything.</summary>
    public GuiPage Watching()
    {
        _consoleErrors = Watch(Page);
        return this;
    }

    /// <summary>
    /// A console error the next steps cause on purpose (the browser logs every refused request itself, e.g. the 401
    /// of a wrong password), accepted until the returned scope ends.
    /// </summary>
    public IDisposable ExpectConsoleError(string text)
    {
        lock (_expected)
        {
            _expected.Add(text);
        }

        return new ExpectedScope(this, text);
    }

    public void AssertNoConsoleErrors()
    {
        var unexpected = (_consoleErrors ?? []).ToList();
        Assert.True(unexpected.Count == 0, "browser console errors:\n" + string.Join("\n", unexpected));
    }

    private bool IsExpected(string error)
    {
        lock (_expected)
        {
            return _expected.Any(x => error.Contains(x, StringComparison.Ordinal));
        }
    }

    private sealed class ExpectedScope(GuiPage page, string text) : IDisposable
    {
        public void Dispose()
        {
            lock (page._expected)
            {
                page._expected.Remove(text);
            }
        }
    }

    public Task ScreenshotAsync(string name) => browser.ScreenshotAsync(Page, name);

    public async Task LoginAsync(string password)
    {
        await Page.Locator("#login-user").FillAsync("root");
        await Page.Locator("#login-password").FillAsync(password);
        await Page.Locator("#login-submit").ClickAsync();
    }

    /// <summary>Presses Tab until the element with <paramref name="id"/> has the focus (a bounded number of times).</summary>
    public async Task TabToAsync(string id, int maxPresses = 50)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await Page.EvaluateAsync<string?>("document.activeElement && document.activeElement.id") == id)
            {
                return;
            }
        }

        Assert.Fail($"#{id} not reached with {maxPresses} presses of Tab");
    }

    /// <summary>
    /// Submits a dialog whose task viewer then shows <c>#task-state</c>. A request Chromium dropped because the host's
    /// network changed (<see cref="HostNetworkChanged"/>: the server never saw it, the dialog says the connection
    /// failed) is submitted once more, as a person would; any answer from the server is left to the test.
    /// </summary>
    public async Task SubmitTaskAsync(string submitSelector)
    {
        var started = Page.Locator("#task-state");
        var dropped = Page.GetByText("connection to the server failed");
        await Page.Locator(submitSelector).ClickAsync();
        await Assertions.Expect(started.Or(dropped)).ToBeVisibleAsync(new() { Timeout = 60_000 });
        if (await dropped.IsVisibleAsync() && !await started.IsVisibleAsync())
        {
            await Page.Locator(submitSelector).ClickAsync();
        }
    }

    public async Task OpenDatacenterTabAsync(string tab)
    {
        await Page.Locator("[data-testid=tree-datacenter]").WaitForAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true }).ClickAsync();
    }

    /// <summary>Everything the page logged, for the failure message of a test.</summary>
    public ConcurrentQueue<string> ConsoleLog { get; } = new();

    /// <summary>Runs a test's steps; on failure the page's screenshot and console go with the error.</summary>
    /// <param name="steps">The test's steps.</param>
    /// <param name="pages">The pages whose screenshots and consoles explain a failure.</param>
    /// <param name="serverLogs">The servers' log tails, added to a failure's message.</param>
    public static async Task RunAsync(Func<Task> steps, IReadOnlyCollection<GuiPage> pages, Func<string>? serverLogs = null)
    {
        try
        {
            await steps();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            var log = new System.Text.StringBuilder();
            foreach (var page in pages)
            {
                await page.ScreenshotAsync("failure");
                log.AppendLine($"--- console of {page.Page.Url}").AppendJoin('\n', page.ConsoleLog).AppendLine();
            }

            log.Append(serverLogs?.Invoke());
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{log}", e);
        }
    }

    private ConcurrentQueue<string> Watch(IPage page)
    {
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            ConsoleLog.Enqueue($"{message.Type}: {message.Text}");
            if (message.Type == "error" && !IsExpected(message.Text))
            {
                errors.Enqueue($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Enqueue($"page error: {error}");
        return errors;
    }
}
