using System.Net;
using System.Text.Json;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Integration.Tests.Lifecycle;
using PveCluster.Lab;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Network;

/// <summary>
/// The migration network on a lab with two networks: `pvecm mtunnel --get_migration_ip` picks this node's one address
/// in it (per call, or from datacenter.cfg as set through `PUT /cluster/options`), and refuses none or several.
/// </summary>
[Collection(LinkLabFixture.Collection)]
public sealed class MigrationLabTests(LinkLabFixture fixture)
{
    private const int Node = 2;

    private LabCluster Lab => fixture.Lab;

    [LabFact]
    public async Task Mtunnel_prints_the_one_address_in_the_migration_network_and_refuses_none_or_several()
    {
        var second = await MtunnelAsync("--migration_network", Lab.Addressing.Subnet(1));
        Assert.True(second.Succeeded, second.StandardError);
        Assert.Equal($"ip: {fixture.Address(Node, 1)}", second.StandardOutput.Trim());

        var none = await MtunnelAsync("--migration_network", "10.99.0.0/24");
        Assert.False(none.Succeeded);
        Assert.Contains("no local address is in the migration network 10.99.0.0/24", none.StandardError, StringComparison.Ordinal);

        var several = await MtunnelAsync("--migration_network", "198.16.0.0/13");
        Assert.False(several.Succeeded);
        Assert.Contains("more than one local address", several.StandardError, StringComparison.Ordinal);

        var malformed = await MtunnelAsync("--migration_network", "198.19.0.0/33");
        Assert.Equal(2, malformed.ExitCode);
    }

    [LabFact]
    public async Task Cluster_options_round_trip_the_migration_setting_which_mtunnel_then_uses()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        var ca = (await fixture.ExecOrFailAsync(1, ["cat", "/etc/pve/pve-root-ca.pem"], ct)).StandardOutput;
        using var api = new NodeApiClient(Lab.Addressing.Node(1, 0), ca);
        var login = NodeApiClient.TicketOf((await api.LoginAsync("root@pam", LinkLabFixture.Password, ct)).Body);

        var network = Lab.Addressing.Subnet(0);
        var put = await api.SendFormAsync(HttpMethod.Put, "cluster/options", login, new Dictionary<string, string> { ["migration"] = $"secure,network={network}" }, ct);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        var got = await api.GetAsync("cluster/options", login.Ticket, ct);
        using (var document = JsonDocument.Parse(got.Body))
        {
            var migration = document.RootElement.GetProperty("data").GetProperty("migration");
            Assert.Equal("secure", migration.GetProperty("type").GetString());
            Assert.Equal(network, migration.GetProperty("network").GetString());
        }

        Assert.Contains($"migration: secure,network={network}", (await fixture.ExecOrFailAsync(Node, ["cat", "/etc/pve/datacenter.cfg"], ct)).StandardOutput,
            StringComparison.Ordinal);
        await Polling.UntilAsync(_ => MtunnelAsync(), r => r.StandardOutput.Trim() == $"ip: {fixture.Address(Node, 0)}",
            ClusterWait.ChangeTimeout, "mtunnel on n2 to use the cluster's migration network", ct);
        Assert.Equal($"ip: {fixture.Address(Node, 1)}", (await MtunnelAsync("--migration_network", Lab.Addressing.Subnet(1))).StandardOutput.Trim());

        var invalid = await api.SendFormAsync(HttpMethod.Put, "cluster/options", login, new Dictionary<string, string> { ["migration"] = "secure,network=10.0.0.0/40" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("migration: network", invalid.Body, StringComparison.Ordinal);
        Assert.Contains($"network={network}", (await fixture.ExecOrFailAsync(Node, ["cat", "/etc/pve/datacenter.cfg"], ct)).StandardOutput, StringComparison.Ordinal);

        var links = await api.GetAsync("cluster/config/links", login.Ticket, ct);
        Assert.Contains($"\"n2\":\"{fixture.Address(Node, 0)}\"", links.Body, StringComparison.Ordinal);
        var badLink = await api.SendFormAsync(HttpMethod.Post, "cluster/config/links", login, new Dictionary<string, string> { ["link"] = "9" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, badLink.Status);

        var deleted = await api.SendFormAsync(HttpMethod.Put, "cluster/options", login, new Dictionary<string, string> { ["delete"] = "migration" }, ct);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        await Polling.UntilAsync(_ => MtunnelAsync(), r => r.StandardOutput.Trim() == "no ip",
            ClusterWait.ChangeTimeout, "mtunnel on n2 to find no migration network once it is deleted", ct);
    }

    private Task<CommandResult> MtunnelAsync(params string[] extra) =>
        Lab.ExecAsync(Node, ["pvecm", "mtunnel", "--get_migration_ip", .. extra], CancellationToken.None);
}
