using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using PveCluster.Api.Daemon;

namespace PveCluster.Api.Tests.Daemon;

/// <summary>pvedaemon as pveproxy reaches it: its socket's modes, and what it runs for whom.</summary>
public sealed class DaemonSocketTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    private static readonly SystemAccount Proxy = SystemAccount.Find(SystemAccount.ProxyUserName);

    [Fact]
    public void The_socket_directory_is_root_www_data_0750_and_the_socket_0660()
    {
        var directory = Path.GetDirectoryName(server.DaemonSocket)!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
            File.GetUnixFileMode(directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(server.DaemonSocket));
        Assert.Equal((0u, Proxy.Gid), Owner(directory));
        Assert.Equal((0u, Proxy.Gid), Owner(server.DaemonSocket));
    }

    [Fact]
    public async Task A_protected_call_runs_for_the_user_pveproxy_names()
    {
        using var daemon = DaemonClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api2/json/nodes/{ApiServerFixture.NodeName}/tasks/nosuch/status");
        request.Headers.Add(DaemonHeaders.User, "root@pam");
        var (status, body) = await ApiServerFixture.SendAsync(daemon, request);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("unable to parse worker upid", body["errors"]!["upid"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_without_the_authenticated_user_is_refused()
    {
        using var daemon = DaemonClient();
        var (status, body) = await ApiServerFixture.GetAsync(daemon, $"/api2/json/nodes/{ApiServerFixture.NodeName}/tasks/nosuch/status");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains(DaemonHeaders.User, body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api2/json/cluster/status")]
    [InlineData("/api2/json/access/ticket")]
    [InlineData("/api2/json/nosuch")]
    public async Task Endpoints_that_are_not_protected_are_not_served_by_the_daemon(string path)
    {
        using var daemon = DaemonClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(DaemonHeaders.User, "root@pam");
        var (status, body) = await ApiServerFixture.SendAsync(daemon, request);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("is not a protected call", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daemon_refuses_a_ticket_for_a_wrong_renewal_even_if_asked_directly()
    {
        using var daemon = DaemonClient();
        var form = new Dictionary<string, string> { ["username"] = "root@pam", ["password"] = server.Ticket("alice@pam"), ["rhost"] = "" };
        using var response = await daemon.PostAsync("/internal/ticket", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]);
    }

    private HttpClient DaemonClient()
    {
        var path = server.DaemonSocket;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://pvedaemon/") };
    }

    private static (uint Uid, uint Gid) Owner(string path)
    {
        var fields = ProcessOutput("stat", "-c", "%u %g", path).Trim().Split(' ');
        return (uint.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), uint.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string ProcessOutput(params string[] command)
    {
        var start = new System.Diagnostics.ProcessStartInfo(command[0]) { RedirectStandardOutput = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
