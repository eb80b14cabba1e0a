using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PveCluster.Gui.Api;
using PveCluster.Gui.Session;

namespace PveCluster.Gui.Tests;

/// <summary>A bUnit context with MudBlazor, the GUI's services and a <see cref="StubApi"/> as the server.</summary>
public class GuiTestContext : BunitContext
{
    public const string LocalNetwork = """
        [{"iface":"eth0","type":"eth","active":1,"address":"198.18.5.2","cidr":"198.18.5.2/24","families":["inet"]},
         {"iface":"eth1","type":"eth","active":1,"address":"198.19.5.2","cidr":"198.19.5.2/24","families":["inet"]},
         {"iface":"lo","type":"loopback","active":1,"address":"127.0.0.1","cidr":"127.0.0.1/8","families":["inet"]}]
        """;

    public GuiTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new HttpClient(Api) { BaseAddress = new Uri("https://n1.test:8006/") });
        Services.AddSingleton<ApiCredentials>();
        Services.AddSingleton<PveApiClient>();
        Services.AddSingleton<BrowserSessionStorage>();
        Services.AddSingleton<AuthSession>();
        Api.Answer("GET /nodes/localhost/network", LocalNetwork);
    }

    public StubApi Api { get; } = new();

    /// <summary>MudBlazor registers services that only dispose asynchronously; xunit disposes test classes synchronously.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        else
        {
            base.Dispose(disposing);
        }
    }

    /// <summary>Opens <typeparamref name="TDialog"/> the way the views do, inside a rendered dialog provider.</summary>
    public async Task<IRenderedComponent<MudDialogProvider>> OpenDialogAsync<TDialog>(DialogParameters? parameters = null)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("test", parameters ?? [], new DialogOptions()));
        return provider;
    }
}
