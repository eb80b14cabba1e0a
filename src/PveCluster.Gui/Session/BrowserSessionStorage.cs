using Microsoft.JSInterop;

namespace PveCluster.Gui.Session;

/// <summary>The tab's sessionStorage: the login survives a reload of the page, not the closing of the tab.</summary>
public sealed class BrowserSessionStorage(IJSRuntime js)
{
    public ValueTask<string?> GetAsync(string key) => js.InvokeAsync<string?>("sessionStorage.getItem", key);

    public ValueTask SetAsync(string key, string value) => js.InvokeVoidAsync("sessionStorage.setItem", key, value);

    public ValueTask RemoveAsync(string key) => js.InvokeVoidAsync("sessionStorage.removeItem", key);

    /// <summary>Drops the ticket cookie (wwwroot/gui.js): Proxmox has no logout call, the cookie is the session.</summary>
    public ValueTask DropTicketCookieAsync() => js.InvokeVoidAsync("pveGui.dropTicketCookie");
}
