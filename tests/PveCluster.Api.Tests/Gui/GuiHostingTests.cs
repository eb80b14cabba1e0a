using System.Net;
using System.Text;
using PveCluster.Api.Gui;

namespace PveCluster.Api.Tests.Gui;

/// <summary>A published GUI tree with one fingerprinted framework file and its Brotli copy.</summary>
public sealed class GuiServerFixture : ApiServerFixture
{
    public const string Index = "<!DOCTYPE html><html><body>gui</body></html>";
    public const string FrameworkFile = "/_framework/app.abc123defg.wasm";
    public static readonly byte[] Wasm = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
    public static readonly byte[] WasmBrotli = [0x1b, 7, 0, 0xf8];

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(GuiDir, "_framework"));
        await File.WriteAllTextAsync(Path.Combine(GuiDir, "index.html"), Index);
        await File.WriteAllBytesAsync(Path.Combine(GuiDir, "_framework", "app.abc123defg.wasm"), Wasm);
        await File.WriteAllBytesAsync(Path.Combine(GuiDir, "_framework", "app.abc123defg.wasm.br"), WasmBrotli);
        await base.InitializeAsync();
    }

    public HttpClient GuiClient()
    {
        var client = Client();
        client.BaseAddress = new Uri(BaseAddress, "/");
        return client;
    }
}

public sealed class GuiHostingTests(GuiServerFixture server) : IClassFixture<GuiServerFixture>
{
    [Fact]
    public async Task Root_is_index_html_and_never_cached_stale()
    {
        using var client = server.GuiClient();
        using var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(GuiFiles.RevalidateCache, response.Headers.CacheControl?.ToString());
        Assert.Equal(GuiServerFixture.Index, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task App_routes_fall_back_to_index_html()
    {
        using var client = server.GuiClient();
        Assert.Equal(GuiServerFixture.Index, await client.GetStringAsync("/node/n1"));
    }

    [Fact]
    public async Task Framework_files_are_immutable_and_sent_precompressed_when_accepted()
    {
        using var client = server.GuiClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, GuiServerFixture.FrameworkFile);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal(GuiFiles.ImmutableCache, response.Headers.CacheControl?.ToString());
        Assert.Equal(GuiServerFixture.WasmBrotli, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Framework_files_are_sent_plain_without_accept_encoding()
    {
        using var client = server.GuiClient();
        using var response = await client.GetAsync(GuiServerFixture.FrameworkFile);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(GuiServerFixture.Wasm, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Unchanged_file_answers_304_to_its_etag()
    {
        using var client = server.GuiClient();
        using var first = await client.GetAsync("/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Missing_asset_is_404_not_index_html()
    {
        using var client = server.GuiClient();
        using var response = await client.GetAsync("/_framework/missing.abc.wasm");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Api_paths_never_reach_the_gui()
    {
        using var client = server.GuiClient();
        using var response = await client.GetAsync("/api2/json/no/such/path");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"data\":null", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }
}
