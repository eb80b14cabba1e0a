using System.Net;

namespace PveCluster.Api.Tests.Envelope;

/// <summary>
/// Both halves of the server while /etc/pve is away (pmxcfs restarting during a create or join): calls answer 503
/// with Retry-After in Proxmox's error envelope, and the same calls succeed once the tree is back.
/// </summary>
public sealed class ClusterFsUnavailableTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Theory]
    [InlineData("cluster/status")]
    [InlineData("nodes/localhost/network")]
    public async Task Reads_answer_503_with_a_retry_hint_until_the_tree_is_back(string path)
    {
        using var client = server.RootClient();
        var away = server.PveDir.AuthPublicKey + ".away";
        File.Move(server.PveDir.AuthPublicKey, away);
        try
        {
            using var response = await client.GetAsync(path);
            // Before the body is read: reading it parses (and reformats) the content type.
            Assert.Equal("application/json;charset=UTF-8", response.Content.Headers.NonValidated["Content-Type"].ToString());
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
            Assert.StartsWith("{\"data\":null,\"message\":\"cluster file system not available", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Move(away, server.PveDir.AuthPublicKey);
        }

        Assert.Equal(HttpStatusCode.OK, (await ApiServerFixture.GetAsync(client, path)).Status);
    }
}
