using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PveCluster.Integration.Tests.Gui;

/// <summary>One node's GUI in a browser page, with the steps a person takes and a console that must stay clean.</summary>
public sealed class GuiPage(IPage page, GuiBrowser browser)
{
    private readonly ConcurrentQueue<string> _consoleErrors = Watch(page);
    private readonly List<string> _expected = [];

    public IPage Page { get; } = page;

    /// <summary>Console errors the current step causes on purpose (the browser logs every 401 a wrong password gets).</summary>
    public void ExpectConsoleError(string text) => _expected.Add(text);

    public void AssertNoConsoleErrors()
    {
        var unexpected = _consoleErrors.Where(e => !_expected.Any(x => e.Contains(x, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "browser console errors:\n" + string.Join("\n", unexpected));
    }

    public Task ScreenshotAsync(string name) => browser.ScreenshotAsync(Page, name);

    public async Task LoginAsync(string password)
    {
        await Page.Locator("#login-user").FillAsync("root");
        await Page.Locator("#login-password").FillAsync(password);
        await Page.Locator("#login-submit").ClickAsync();
    }

    public async Task OpenDatacenterTabAsync(string tab)
    {
        await Page.GetByRole(AriaRole.Treeitem).Filter(new() { HasText = "Datacenter" }).First.WaitForAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
    }

    private static ConcurrentQueue<string> Watch(IPage page)
    {
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Enqueue($"page error: {error}");
        return errors;
    }
}
