using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Tests.Api;

/// <summary>While a create or join remounts /etc/pve the server answers 503 with Retry-After: reads wait and ask again.</summary>
public sealed class PveApiClientRetryTests : GuiTestContext
{
    private const string Unavailable = "cluster file system not available ('/etc/pve' is being remounted or pmxcfs is not running); retry in 2 seconds";

    [Fact]
    public async Task A_read_answered_503_is_asked_again_after_the_retry_hint()
    {
        Api.FailOnce("GET /version", HttpStatusCode.ServiceUnavailable, Unavailable, TimeSpan.Zero);
        Api.FailOnce("GET /version", HttpStatusCode.ServiceUnavailable, Unavailable, TimeSpan.Zero);
        Api.Answer("GET /version", """{"version":"1.0"}""");

        var data = await Services.GetRequiredService<PveApiClient>().GetAsync("/version");

        Assert.Equal("1.0", data!["version"]!.GetValue<string>());
        Assert.Equal(3, Api.Requests.Count(r => r.Request == "GET /version"));
    }

    [Fact]
    public async Task A_change_answered_503_is_not_sent_again()
    {
        Api.FailOnce("POST /cluster/config", HttpStatusCode.ServiceUnavailable, Unavailable, TimeSpan.Zero);
        Api.Answer("POST /cluster/config", "\"UPID:n1:1:2:3:clustercreate:x:root@pam:\"");

        var error = await Assert.ThrowsAsync<ApiCallException>(() =>
            Services.GetRequiredService<PveApiClient>().PostAsync("/cluster/config", [KeyValuePair.Create("clustername", "x")]));

        Assert.Equal(503, error.Status);
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
        Assert.Single(Api.Requests, r => r.Request == "POST /cluster/config");
    }

    [Fact]
    public async Task Reads_give_up_after_a_bounded_number_of_retries()
    {
        for (var i = 0; i <= PveApiClient.UnavailableRetries + 5; i++)
        {
            Api.FailOnce("GET /version", HttpStatusCode.ServiceUnavailable, Unavailable, TimeSpan.Zero);
        }

        var error = await Assert.ThrowsAsync<ApiCallException>(() => Services.GetRequiredService<PveApiClient>().GetAsync("/version"));

        Assert.Equal(503, error.Status);
        Assert.Contains("cluster file system not available", error.Message, StringComparison.Ordinal);
        Assert.Equal(PveApiClient.UnavailableRetries + 1, Api.Requests.Count(r => r.Request == "GET /version"));
    }
}
