using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;
using PveCluster.Gui;
using PveCluster.Gui.Api;
using PveCluster.Gui.Session;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.Services.AddMudServices();
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<ApiCredentials>();
builder.Services.AddScoped<PveApiClient>();
builder.Services.AddScoped<BrowserSessionStorage>();
builder.Services.AddScoped<AuthSession>();
await builder.Build().RunAsync().ConfigureAwait(false);
