using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PveCluster.Api.Routing;

namespace PveCluster.Api.Tests.Daemon;

/// <summary>
/// pveproxy runs no protected handler itself: with pvedaemon gone, protected calls (and logins) fail with a clear
/// 503 while everything else is still served. Own server pair, because it stops the daemon.
/// </summary>
public sealed class ProtectedForwardingTests : IAsyncLifetime
{
    private readonly ApiServerFixture _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public void The_cluster_changes_corosync_reads_and_task_reads_are_the_protected_endpoints()
    {
        var routes = _server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(ProtectedEndpoint.IsProtected)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods)} {e.RoutePattern.RawText}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(
        [
            "DELETE /api2/json/cluster/config/links/{link}",
            "DELETE /api2/json/cluster/config/nodes/{node}",
            "GET /api2/json/cluster/config/qdevice",
            "GET /api2/json/cluster/tasks",
            "GET /api2/json/nodes/{node}/corosync/links",
            "GET /api2/json/nodes/{node}/corosync/quorum",
            "GET /api2/json/nodes/{node}/tasks",
            "GET /api2/json/nodes/{node}/tasks/{upid}/log",
            "GET /api2/json/nodes/{node}/tasks/{upid}/status",
            "POST /api2/json/cluster/config",
            "POST /api2/json/cluster/config/join",
            "POST /api2/json/cluster/config/links",
            "POST /api2/json/cluster/config/nodes/{node}",
            "PUT /api2/json/cluster/config/links/{link}",
            "PUT /api2/json/cluster/options",
        ], routes);
    }

    [Fact]
    public async Task Without_the_daemon_protected_calls_and_logins_are_503_and_reads_still_work()
    {
        await _server.Daemon.StopAsync();
        using var client = _server.RootClient();

        var (created, createBody) = await ApiServerFixture.PostFormAsync(client, "cluster/config", new() { ["clustername"] = "lab" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, created);
        Assert.Contains("pvedaemon does not answer", createBody["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var (login, _) = await ApiServerFixture.PostFormAsync(_server.Client(), "access/ticket",
            new() { ["username"] = "root@pam", ["password"] = _server.Ticket() });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login);

        var (status, _) = await ApiServerFixture.GetAsync(client, "cluster/status");
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
