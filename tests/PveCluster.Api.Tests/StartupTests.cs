using System.Diagnostics;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Tests;

public sealed class StartupTests : IDisposable
{
    private readonly string _emptyPveDir = Directory.CreateTempSubdirectory("pve-api-empty-").FullName;

    public void Dispose() => Directory.Delete(_emptyPveDir, recursive: true);

    [Fact]
    public void Missing_node_certificate_fails_with_a_clear_message()
    {
        var error = Assert.Throws<StartupException>(() => ApiServer.Create(new ApiOptions { PveDir = _emptyPveDir, Node = "n1", Port = 0 }));
        Assert.Contains(Path.Combine(_emptyPveDir, "nodes", "n1", "pve-ssl.pem"), error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_binary_exits_non_zero_with_the_message_on_stderr()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "pve-api.dll"), "--pve-dir", _emptyPveDir, "--node", "n1", "--port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("pve-api: node certificate file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_path_is_501_after_authentication()
    {
        var server = new ApiServerFixture();
        await server.InitializeAsync();
        try
        {
            using var client = server.RootClient();
            var (status, body) = await ApiServerFixture.GetAsync(client, "nosuch/path");
            Assert.Equal(System.Net.HttpStatusCode.NotImplemented, status);
            Assert.Contains("Method 'GET /api2/json/nosuch/path' not implemented", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
