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
        var error = Assert.Throws<StartupException>(() => ProxyServer.Create(new ApiOptions { PveDir = _emptyPveDir, Node = "n1", Port = 0 }));
        Assert.Contains(Path.Combine(_emptyPveDir, "nodes", "n1", "pve-ssl.pem"), error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Proxy_binary_refuses_to_run_as_root()
    {
        var (exitCode, stderr) = await RunServerAsync("--pve-dir", _emptyPveDir, "--node", "n1", "--port", "0");
        Assert.Equal(2, exitCode);
        Assert.Contains("pveproxy: refusing to run as root; start it as www-data", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--listen", "not-an-ip", "--listen 'not-an-ip' is not an IP address")]
    [InlineData("--allow-user", "root", "--allow-user 'root' is not name@realm")]
    public async Task Bad_options_are_reported(string option, string value, string message)
    {
        var (exitCode, stderr) = await RunServerAsync("--pve-dir", _emptyPveDir, option, value);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stderr)> RunServerAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pveproxy.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stderr);
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
