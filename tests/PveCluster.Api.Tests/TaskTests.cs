using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PveCluster.Api.Tasks;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Tests;

public sealed class TaskTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    private static readonly UserId Root = UserId.Parse("root@pam");

    private TaskRegistry Tasks => server.Daemon.Services.GetRequiredService<TaskRegistry>();

    [Fact]
    public async Task Running_then_finished_task_reports_status_and_log()
    {
        var gate = new TaskCompletionSource();
        var upid = Tasks.Start("clustercreate", "lab", Root, async (log, cancellationToken) =>
        {
            log.Write("Writing corosync config to /etc/pve/corosync.conf");
            await gate.Task.WaitAsync(cancellationToken);
            log.Write("Restart corosync and cluster filesystem");
        });
        using var client = server.RootClient();
        var statusPath = $"nodes/{ApiServerFixture.NodeName}/tasks/{Uri.EscapeDataString(upid.ToString())}/status";

        var (_, running) = await ApiServerFixture.GetAsync(client, statusPath);
        Assert.Equal("running", running["data"]!["status"]!.GetValue<string>());
        Assert.Null(running["data"]!["exitstatus"]);

        gate.SetResult();
        await Tasks.WaitAsync(upid);

        var (status, stopped) = await ApiServerFixture.GetAsync(client, statusPath);
        Assert.Equal(HttpStatusCode.OK, status);
        var data = stopped["data"]!;
        Assert.Equal("stopped", data["status"]!.GetValue<string>());
        Assert.Equal("OK", data["exitstatus"]!.GetValue<string>());
        Assert.Equal("clustercreate", data["type"]!.GetValue<string>());
        Assert.Equal("lab", data["id"]!.GetValue<string>());
        Assert.Equal("root@pam", data["user"]!.GetValue<string>());
        Assert.Equal(upid.ToString(), data["upid"]!.GetValue<string>());

        var (_, log) = await ApiServerFixture.GetAsync(client,
            $"nodes/localhost/tasks/{Uri.EscapeDataString(upid.ToString())}/log?start=1&limit=5");
        Assert.Equal(3, log["total"]!.GetValue<int>());
        var lines = log["data"]!.AsArray();
        Assert.Equal([2, 3], lines.Select(l => l!["n"]!.GetValue<int>()));
        Assert.Equal(["Restart corosync and cluster filesystem", "TASK OK"], lines.Select(l => l!["t"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Failed_task_has_the_error_as_exit_status()
    {
        var upid = Tasks.Start("clusterjoin", "", Root, (_, _) => throw new InvalidOperationException("can't join: quorum lost"));
        await Tasks.WaitAsync(upid);
        using var client = server.RootClient();
        var (_, body) = await ApiServerFixture.GetAsync(client, $"nodes/localhost/tasks/{Uri.EscapeDataString(upid.ToString())}/status");
        Assert.Equal("can't join: quorum lost", body["data"]!["exitstatus"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(server.TaskDir, upid.StartTimeHex[^1..], upid.ToString())));
    }

    [Fact]
    public void Tasks_started_in_the_same_second_get_different_upids()
    {
        var first = Tasks.Start("test", "same", Root, (_, _) => Task.CompletedTask);
        var second = Tasks.Start("test", "same", Root, (_, _) => Task.CompletedTask);
        Assert.NotEqual(first.ToString(), second.ToString());
    }

    [Fact]
    public async Task Unknown_and_malformed_upids_are_rejected()
    {
        using var client = server.RootClient();
        var unknown = $"UPID:{ApiServerFixture.NodeName}:00000001:00000002:00000003:test:x:root@pam:";
        var (notFound, _) = await ApiServerFixture.GetAsync(client, $"nodes/localhost/tasks/{Uri.EscapeDataString(unknown)}/status");
        Assert.Equal(HttpStatusCode.NotFound, notFound);

        var (bad, body) = await ApiServerFixture.GetAsync(client, "nodes/localhost/tasks/garbage/status");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(body["errors"]!["upid"]);

        var foreign = "UPID:othernode:00000001:00000002:00000003:test:x:root@pam:";
        var (wrongNode, _) = await ApiServerFixture.GetAsync(client, $"nodes/localhost/tasks/{Uri.EscapeDataString(foreign)}/status");
        Assert.Equal(HttpStatusCode.BadRequest, wrongNode);
    }

    [Fact]
    public void Task_type_with_a_colon_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Tasks.Start("a:b", "x", Root, (_, _) => Task.CompletedTask));
    }
}
