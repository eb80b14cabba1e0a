using System.Globalization;
using System.Text.RegularExpressions;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>The cluster corosync.conf in /etc/pve reaches every node's /etc/corosync and corosync reloads it; a bad one never does.</summary>
public sealed partial class CfsCorosyncConfTests : IClassFixture<CfsLabFixture>, IDisposable
{
    private const string ClusterConf = "/etc/pve/corosync.conf";
    private static readonly int[] AllNodes = [1, 2, 3];

    private readonly PmxcfsCluster _cluster;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    public CfsCorosyncConfTests(CfsLabFixture fixture)
    {
        _cluster = fixture.Cluster;
    }

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [CfsFact]
    public async Task An_edited_corosync_conf_with_a_higher_version_is_installed_on_every_node_and_corosync_reloads_it()
    {
        var current = await _cluster.ShCheckedAsync(1, $"cat {ClusterConf}", Token);
        var version = ConfigVersion(current);
        var next = version + 1;
        var edited = ConfigVersionLine().Replace(current, $"config_version: {next}");
        edited = TokenLine().Replace(edited, "token: 1100");
        edited = edited.Replace("    linknumber: 0\n", "    linknumber: 0\n    knet_link_priority: 7\n", StringComparison.Ordinal);
        Assert.Contains("knet_link_priority: 7", edited, StringComparison.Ordinal);

        await WriteClusterConfAsync(edited);

        foreach (var node in AllNodes)
        {
            await Polling.UntilAsync(
                ct => CmapAsync(node, ct),
                cmap => cmap == (next, 1100UL),
                ClusterWait.ChangeTimeout,
                $"n{node}'s running corosync to report config_version {next} and token 1100",
                Token);
            Assert.Equal(edited, await _cluster.ShCheckedAsync(node, "cat /etc/corosync/corosync.conf", Token));
        }
        await ClusterWait.ForWholeClusterAsync(_cluster.Lab, Token);
    }

    [CfsFact]
    public async Task An_invalid_corosync_conf_in_etc_pve_is_never_installed_locally()
    {
        var valid = await _cluster.ShCheckedAsync(1, $"cat {ClusterConf}", Token);
        var version = ConfigVersion(valid);
        // A higher version, so only validation can keep it out; the nodelist block is left unclosed.
        var broken = ConfigVersionLine().Replace(valid, $"config_version: {version + 10}").Replace("nodelist {", "nodelist {\n  node {", StringComparison.Ordinal);
        var localBefore = new Dictionary<int, string>();
        foreach (var node in AllNodes)
        {
            localBefore[node] = await _cluster.ShCheckedAsync(node, "cat /etc/corosync/corosync.conf", Token);
        }

        await WriteClusterConfAsync(broken);
        try
        {
            foreach (var node in AllNodes)
            {
                // The rejection is logged to the node's cluster log: proof the daemon looked at the file.
                await Polling.UntilAsync(
                    ct => _cluster.ShAsync(node, "cat /etc/pve/.clusterlog", ct),
                    log => log.StandardOutput.Contains("not installing the cluster corosync.conf", StringComparison.Ordinal),
                    ClusterWait.ChangeTimeout,
                    $"n{node} to log that it rejected the broken corosync.conf",
                    Token);
                Assert.Equal(localBefore[node], await _cluster.ShCheckedAsync(node, "cat /etc/corosync/corosync.conf", Token));
                var (runningVersion, _) = await CmapAsync(node, Token);
                Assert.Equal(ConfigVersion(localBefore[node]), runningVersion);
            }
        }
        finally
        {
            // Later tests of this class and .members need a valid cluster file back.
            await WriteClusterConfAsync(valid);
        }
        await ClusterWait.ForWholeClusterAsync(_cluster.Lab, Token);
    }

    /// <summary>Replaces the cluster file the way Proxmox tools do: write a temporary file in /etc/pve, rename it over.</summary>
    private async Task WriteClusterConfAsync(string content)
    {
        var handIn = Path.Combine(_cluster.PrivateRoot(1), "corosync.conf.new");
        await File.WriteAllTextAsync(handIn, content, Token);
        await _cluster.ShCheckedAsync(1, $"cp /root/corosync.conf.new {ClusterConf}.new && mv {ClusterConf}.new {ClusterConf}", Token);
    }

    private async Task<(ulong Version, ulong Token)> CmapAsync(int node, CancellationToken cancellationToken)
    {
        var version = await _cluster.ShAsync(node, "corosync-cmapctl -g totem.config_version", cancellationToken);
        var token = await _cluster.ShAsync(node, "corosync-cmapctl -g totem.token", cancellationToken);
        return (CmapValue(version.StandardOutput), CmapValue(token.StandardOutput));
    }

    /// <summary>"totem.token (u32) = 1100" -> 1100; 0 when corosync did not answer.</summary>
    private static ulong CmapValue(string line)
    {
        var equals = line.LastIndexOf('=');
        return equals >= 0 && ulong.TryParse(line[(equals + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    private static ulong ConfigVersion(string conf) =>
        ulong.Parse(ConfigVersionLine().Match(conf).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"config_version:\s*(\d+)")]
    private static partial Regex ConfigVersionLine();

    [GeneratedRegex(@"(?<=\n\s*)token:\s*\d+")]
    private static partial Regex TokenLine();
}
