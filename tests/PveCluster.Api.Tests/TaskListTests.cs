using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PveCluster.Api.Tasks;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Tests;

/// <summary>GET /nodes/{node}/tasks and /cluster/tasks over a task directory with finished, failed and running tasks.</summary>
public sealed class TaskListTests(TaskListTests.ThreeTasks server) : IClassFixture<TaskListTests.ThreeTasks>
{
    private Upid Ok => server.Ok;

    private Upid Failed => server.Failed;

    private Upid Running => server.Running;

    /// <summary>A server with a finished, a failed and a running task, started once for all tests of the class.</summary>
    public sealed class ThreeTasks : ApiServerFixture
    {
        private readonly TaskCompletionSource _gate = new();

        public Upid Ok { get; private set; } = null!;

        public Upid Failed { get; private set; } = null!;

        public Upid Running { get; private set; } = null!;

        // Tasks run in pvedaemon, which serves the task lists.
        private TaskRegistry Tasks => Daemon.Services.GetRequiredService<TaskRegistry>();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Ok = Tasks.Start("clustercreate", "lab", UserId.Parse("root@pam"), (log, _) =>
            {
                log.Write("done");
                return Task.CompletedTask;
            });
            Failed = Tasks.Start("clusterjoin", "", UserId.Parse("alice@pam"), (_, _) => throw new InvalidOperationException("quorum lost"));
            Running = Tasks.Start("clusterjoin", "", UserId.Parse("root@pam"), (_, token) => _gate.Task.WaitAsync(token));
            await Tasks.WaitAsync(Ok);
            await Tasks.WaitAsync(Failed);
        }

        public override async Task DisposeAsync()
        {
            _gate.SetResult();
            await Tasks.WaitAsync(Running);
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task Node_tasks_lists_finished_tasks_newest_first_with_proxmox_fields()
    {
        var (page, total) = await ListAsync("nodes/localhost/tasks");

        Assert.Equal(2, total);
        Assert.Equal([Failed.ToString(), Ok.ToString()], page.Select(t => t["upid"]!.GetValue<string>()));
        var ok = page[1];
        Assert.Equal(ApiServerFixture.NodeName, ok["node"]!.GetValue<string>());
        Assert.Equal(Ok.Pid, ok["pid"]!.GetValue<int>());
        Assert.Equal(Ok.ProcessStart, ok["pstart"]!.GetValue<ulong>());
        Assert.Equal(Ok.StartTime.ToUnixTimeSeconds(), ok["starttime"]!.GetValue<long>());
        Assert.True(ok["endtime"]!.GetValue<long>() > 0);
        Assert.Equal("clustercreate", ok["type"]!.GetValue<string>());
        Assert.Equal("lab", ok["id"]!.GetValue<string>());
        Assert.Equal("root@pam", ok["user"]!.GetValue<string>());
        Assert.Equal("OK", ok["status"]!.GetValue<string>());
        Assert.Equal("quorum lost", page[0]["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("source=active", new[] { "running" })]
    [InlineData("source=all", new[] { "running", "failed", "ok" })]
    [InlineData("source=all&start=1&limit=1", new[] { "failed" })]
    [InlineData("errors=1", new[] { "failed" })]
    [InlineData("userfilter=ALICE", new[] { "failed" })]
    [InlineData("typefilter=clustercreate", new[] { "ok" })]
    [InlineData("until=1", new string[0])]
    public async Task Filters_select_tasks(string query, string[] expected)
    {
        var names = new Dictionary<string, string>
        {
            [Ok.ToString()] = "ok",
            [Failed.ToString()] = "failed",
            [Running.ToString()] = "running",
        };
        var (page, _) = await ListAsync($"nodes/{ApiServerFixture.NodeName}/tasks?{query}");
        Assert.Equal(expected, page.Select(t => names[t["upid"]!.GetValue<string>()]));
    }

    [Fact]
    public async Task Running_task_has_statusRunning_and_no_endtime()
    {
        var (page, _) = await ListAsync("nodes/localhost/tasks?source=active");
        var running = Assert.Single(page);
        Assert.Equal(TaskIndex.RunningStatus, running["status"]!.GetValue<string>());
        Assert.False(running.ContainsKey("endtime"));
    }

    [Fact]
    public async Task Cluster_tasks_includesRunning_and_finished()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/tasks");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([Running.ToString(), Failed.ToString(), Ok.ToString()],
            body["data"]!.AsArray().Select(t => t!["upid"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("source=old", "source")]
    [InlineData("limit=-1", "limit")]
    [InlineData("errors=maybe", "errors")]
    [InlineData("vmid=100", "vmid")]
    public async Task Bad_filters_are_400(string query, string parameter)
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, $"nodes/localhost/tasks?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]![parameter]);
    }

    private async Task<(List<JsonObject> Page, int Total)> ListAsync(string path)
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, path);
        Assert.Equal(HttpStatusCode.OK, status);
        return ([.. body["data"]!.AsArray().Select(t => t!.AsObject())], body["total"]?.GetValue<int>() ?? -1);
    }
}
