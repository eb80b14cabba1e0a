using Microsoft.Extensions.DependencyInjection;
using PveCluster.Gui.Api;
using PveCluster.Gui.Components;

namespace PveCluster.Gui.Tests.Components;

/// <summary>The reload after a join waits for pveproxy's restart, so the browser does not land on a refused connection.</summary>
public sealed class ApiRestartWaitTests : GuiTestContext
{
    private const string Domains = """[{"realm":"pam","type":"pam"}]""";

    [Fact]
    public async Task A_pending_restart_is_awaited_until_the_server_went_away_and_answers_again()
    {
        Api.Answer("GET /access/domains", Domains);
        var api = Services.GetRequiredService<PveApiClient>();
        var wait = ApiRestartWait.WaitAsync(api, restartPending: true, TimeSpan.FromMilliseconds(20), CancellationToken.None);

        // The old pveproxy answers for a while: the wait goes on.
        while (Api.Requests.Count < 3)
        {
            await Task.Delay(10);
        }

        Assert.False(wait.IsCompleted);
        Api.RefuseNext = 2;   // restarting
        Assert.True(await wait);
        var requests = Api.Requests.Count(r => r.Request == "GET /access/domains");
        Assert.True(requests >= 4, $"{requests} probes");
        Assert.Equal(0, Api.RefuseNext);
    }

    [Fact]
    public async Task After_the_restart_the_first_answer_ends_the_wait()
    {
        Api.RefuseNext = 2;
        Api.Answer("GET /access/domains", Domains);

        Assert.True(await ApiRestartWait.WaitAsync(Services.GetRequiredService<PveApiClient>(), restartPending: false, TimeSpan.FromMilliseconds(10), CancellationToken.None));
        Assert.Equal(3, Api.Requests.Count(r => r.Request == "GET /access/domains"));   // two refused, one answered
    }

    [Fact]
    public async Task A_restart_too_quick_to_be_seen_ends_the_wait_after_the_grace_not_the_limit()
    {
        Api.Answer("GET /access/domains", Domains);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.True(await ApiRestartWait.WaitAsync(Services.GetRequiredService<PveApiClient>(), restartPending: true,
            TimeSpan.FromMilliseconds(20), CancellationToken.None, unseenRestartGrace: TimeSpan.FromMilliseconds(300)));
        Assert.True(clock.Elapsed < ApiRestartWait.Limit, $"took {clock.Elapsed}");
        Assert.True(Api.Requests.Count(r => r.Request == "GET /access/domains") >= 2);
    }
}
