using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Core.Auth;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Integration.Tests.Lifecycle;
using PveCluster.Lab;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Services;

namespace PveCluster.Integration.Tests.Api;

/// <summary>
/// pvedaemon and pveproxy on real cluster nodes (pmxcfs over corosync): the ticket key rotation is decided once for the cluster
/// even when two nodes want it at the same moment, and every node accepts the old and the new tickets; the
/// request limits hold on the deployed server.
/// </summary>
public sealed class ApiSecurityLabTests
{
    private static readonly UserId Root = UserId.Parse("root@pam");

    [ClusterLifecycleFact]
    public async Task Two_nodes_due_for_rotation_at_once_rotate_the_key_once_and_accept_each_others_tickets()
    {
        LabRequirements.ThrowIfRequiredAndMissing(needsPveStack: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        var lab = await LabCluster.CreateAsync(
            new LabOptions { NodeCount = 2, TokenMs = LabClusterFixture.FastTokenMs, ArtifactsDirectory = LabRequirements.ArtifactsDirectory() },
            NullLogger.Instance, ct);
        try
        {
            await ClusterWait.ForWholeClusterAsync(lab, ct);
            var ca = await ReadAsync(lab, 1, "/etc/pve/pve-root-ca.pem", ct);
            ca = ca[..(ca.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)];
            var original = PublicKeyOf(await ReadAsync(lab, 1, "/etc/pve/authkey.pub", ct));
            using var signingKey = AuthKeyMaterial.ImportKey(await ReadAsync(lab, 1, "/etc/pve/priv/authkey.key", ct), "authkey.key");
            var before = AuthTicket.Create(signingKey, Root, DateTimeOffset.UtcNow);

            // Date the key 25 hours back (pmxcfs takes utimens); retried until pmxcfs is quorate and accepts writes.
            var past = (DateTimeOffset.UtcNow - TimeSpan.FromHours(25)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            await WaitForAsync(async () => (await lab.ExecAsync(1, ["touch", "-m", "-d", "@" + past, "/etc/pve/authkey.pub"], ct)).Succeeded, ct);
            await WaitForAsync(async () => (await ReadAsync(lab, 2, "/etc/pve/authkey.pub", ct, stat: true)).Trim() == past, ct);

            using var api1 = new NodeApiClient(lab.Addressing.Node(1, 0), ca);
            using var api2 = new NodeApiClient(lab.Addressing.Node(2, 0), ca);
            var logins = await Task.WhenAll(api1.LoginAsync("root@pam", before, ct), api2.LoginAsync("root@pam", before, ct));
            Assert.All(logins, login => Assert.True(login.Status == HttpStatusCode.OK, $"{login.Status}: {login.Body}"));

            // One rotation: the previous key is the original one (a second rotation would have put the first new key there).
            foreach (var node in lab.Nodes)
            {
                await WaitForAsync(async () => (await lab.ExecAsync(node, ["test", "-e", "/etc/pve/authkey.pub.old"], ct)).Succeeded, ct,
                    () => $"no rotation seen on node {node}; pvedaemon logs:\n"
                        + string.Join("\n", lab.Nodes.Select(n => DaemonLauncher.Tail(lab.ServiceLogPath(n, ServiceNames.PveDaemon), 20))));
                Assert.Equal(original, PublicKeyOf(await ReadAsync(lab, node, "/etc/pve/authkey.pub.old", ct)));
                Assert.NotEqual(original, PublicKeyOf(await ReadAsync(lab, node, "/etc/pve/authkey.pub", ct)));
            }

            Assert.Empty((await lab.ExecCheckedAsync(1, ["sh", "-c", "ls /etc/pve/priv/lock/ 2>/dev/null || true"], ct)).StandardOutput.Trim());
            var tickets = new[] { before, NodeApiClient.TicketOf(logins[0].Body).Ticket, NodeApiClient.TicketOf(logins[1].Body).Ticket };
            foreach (var api in new[] { api1, api2 })
            {
                foreach (var ticket in tickets)
                {
                    Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("cluster/status", ticket, ct)).Status);
                }
            }
        }
        finally
        {
            await lab.DownAsync(CancellationToken.None);
        }
    }

    private static async Task<string> ReadAsync(LabCluster lab, int node, string path, CancellationToken ct, bool stat = false) =>
        (await lab.ExecCheckedAsync(node, stat ? ["stat", "-c", "%Y", path] : ["cat", path], ct)).StandardOutput;

    private static string PublicKeyOf(string pem)
    {
        using var key = RSA.Create();
        key.ImportFromPem(pem);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Polls <paramref name="condition"/> for up to a minute (pmxcfs applies another node's write a moment later).</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, CancellationToken ct, Func<string>? describe = null)
    {
        try
        {
            await Polling.UntilAsync(_ => condition(), met => met, TimeSpan.FromMinutes(1), "the condition", ct);
        }
        catch (TimeoutException e) when (describe is not null)
        {
            // The logs are read only now: at the start of the wait they would not show why it failed.
            throw new TimeoutException(describe(), e);
        }
    }
}
