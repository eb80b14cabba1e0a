using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>
/// The cluster on real systemd: three booted Debian containers with the project's .debs, made into a cluster with
/// pvecm create/add, then powered off together and booted again (a cold start), one node rebooted alone, one node
/// uninstalled and reinstalled. See docs/real-hosts.md.
/// </summary>
[Collection(BootTestGroup.Name)]
public sealed class ColdStartBootTests : IAsyncLifetime
{
    private const string ClusterName = "boottest";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    private BootLab? _lab;

    private BootLab Lab => _lab ?? throw new InvalidOperationException("no boot lab");

    public async Task InitializeAsync()
    {
        if (BootFactAttribute.MissingReason() is not null)
            return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        _lab = await BootLab.CreateAsync(3, NullLogger.Instance, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
            await _lab.DisposeAsync();
    }

    [BootFact]
    public async Task Cluster_comes_back_from_a_cold_start_and_a_single_node_reboot_and_uninstalls_cleanly()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var ct = timeout.Token;
        var (n1, n2, n3) = (Lab.Nodes[0], Lab.Nodes[1], Lab.Nodes[2]);

        // Fresh hosts: pmxcfs from the package runs in local mode under systemd.
        foreach (var node in Lab.Nodes)
        {
            await WaitForAsync(node, ["systemctl", "is-active", "pve-cluster", "pvedaemon", "pveproxy"], "active\nactive\nactive", ct);
            Assert.Contains("/etc/pve fuse", await node.ExecCheckedAsync(["cat", "/proc/mounts"], ct), StringComparison.Ordinal);
        }

        await n1.ExecCheckedAsync(["pvecm", "create", ClusterName], ct);
        var fingerprint = (await n1.ExecCheckedAsync(
            ["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", "/etc/pve/nodes/n1/pve-ssl.pem"], ct)).Trim().Split('=')[1];
        foreach (var node in new[] { n2, n3 })
        {
            await File.WriteAllTextAsync(Path.Combine(node.Root, "root/password"), BootRootfs.RootPassword + "\n", ct);
            await node.ExecCheckedAsync(["pvecm", "add", Lab.Address(1), "--fingerprint", fingerprint, "--password-file", "/root/password"], ct);
        }
        await WaitForQuorumAsync(Lab.Nodes, 3, ct);

        // Guests: n1 has three with onboot (orders 1, 2 and none) and one without; n2 and n3 one each.
        await WriteGuestsAsync(n1, ("lxc", 102, "onboot: 1\nstartup: order=1,up=1\n"), ("qemu-server", 101, "onboot: 1\nstartup: order=2,up=2,down=20\n"),
            ("qemu-server", 103, "onboot: 1\n"), ("lxc", 104, "onboot: 0\nstartup: order=1\n"));
        await WriteGuestsAsync(n2, ("lxc", 201, "onboot: 1\nstartup: order=1\n"));
        await WriteGuestsAsync(n3, ("qemu-server", 301, "onboot: 1\nstartup: up=0\n"));
        var marker = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        await n1.ExecCheckedAsync(["sh", "-c", $"echo {marker} > /etc/pve/boot-test-marker"], ct);

        // A cold start: all three power off together (pve-guests has not started anything yet: nothing was running
        // at install time), then n1 boots alone and must wait for quorum before any guest starts.
        await Task.WhenAll(Lab.Nodes.Select(n => n.PowerOffAsync(ct)));
        await n1.BootAsync(BootLab.BootTimeout, ct, untilFinished: false);
        await WaitForAsync(n1, ["journalctl", "--unit", "pve-guests", "--grep", "waiting for quorum", "--output", "cat", "--quiet"], "waiting for quorum", ct, contains: true);
        Assert.Empty(await RecordAsync(n1, ct));
        // Their boots finish once pve-guests has run, that is once the three are quorate.
        await Task.WhenAll(new[] { n2, n3 }.Select(n => n.BootAsync(BootLab.BootTimeout, ct)));
        await WaitForQuorumAsync(Lab.Nodes, 3, ct);
        foreach (var node in Lab.Nodes)
        {
            await WaitForAsync(node, ["systemctl", "is-active", "pve-guests"], "active", ct);
            Assert.Equal(marker, (await node.ExecCheckedAsync(["cat", "/etc/pve/boot-test-marker"], ct)).Trim());
        }

        var starts = await RecordAsync(n1, ct);
        Assert.Equal([102u, 101, 103], starts.Select(s => s.VmId));
        Assert.All(starts, s => Assert.Equal("quorate=1", s.Rest));
        Assert.True(starts[1].Milliseconds - starts[0].Milliseconds >= 1000, "CT 102 has up=1");
        Assert.True(starts[2].Milliseconds - starts[1].Milliseconds >= 2000, "VM 101 has up=2");
        Assert.Equal("start 201 quorate=1", Describe(Assert.Single(await RecordAsync(n2, ct))));
        Assert.Equal("start 301 quorate=1", Describe(Assert.Single(await RecordAsync(n3, ct))));

        // The same cluster, further steps (docs/real-hosts.md): one node reboots alone, then one is uninstalled.
        await SingleNodeRebootSteps.RunAsync(Lab, ct);
        await UninstallSteps.RunAsync(Lab, ct);
    }

    internal static string Describe(TestGuestTool.Entry entry) => $"{entry.Action} {entry.VmId} {entry.Rest}";

    private static async Task WriteGuestsAsync(BootContainer node, params (string Kind, uint VmId, string Config)[] guests)
    {
        await File.WriteAllTextAsync(Path.Combine(node.Root, TestGuestTool.Path.TrimStart('/')), TestGuestTool.Script.ReplaceLineEndings("\n") + "\n");
        await node.ExecCheckedAsync(["chmod", "0755", TestGuestTool.Path], CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(node.Root, TestGuestTool.DefaultsFile.TrimStart('/')), TestGuestTool.Defaults);
        foreach (var (kind, vmid, config) in guests)
        {
            // Through pmxcfs (the node's own view of /etc/pve/local), as qm/pct would write it.
            await node.ExecCheckedAsync(["sh", "-c", $"mkdir -p /etc/pve/local/{kind} && cat > /etc/pve/local/{kind}/{vmid}.conf"], CancellationToken.None, config);
        }
    }

    /// <summary>The record file, read through the host's view of the node's root: also while the node is powered off.</summary>
    internal static async Task<IReadOnlyList<TestGuestTool.Entry>> ReadRecordAsync(BootContainer node, CancellationToken ct)
    {
        var path = Path.Combine(node.Root, TestGuestTool.RecordFile.TrimStart('/'));
        return File.Exists(path) ? TestGuestTool.ParseRecord(await File.ReadAllTextAsync(path, ct)) : [];
    }

    internal static async Task<IReadOnlyList<TestGuestTool.Entry>> RecordAsync(BootContainer node, CancellationToken ct) =>
        [.. (await ReadRecordAsync(node, ct)).Where(e => e.Action == "start")];

    /// <summary>Polls a command inside the node until its output is (or contains) <paramref name="expected"/>.</summary>
    internal static Task<string> WaitForAsync(BootContainer node, IReadOnlyList<string> command, string expected, CancellationToken ct, bool contains = false) =>
        Polling.UntilAsync(
            async token => (await node.ExecAsync(command, token)).StandardOutput.Trim(),
            output => contains ? output.Contains(expected, StringComparison.Ordinal) : output == expected,
            StepTimeout, $"{node.Name}: '{string.Join(' ', command)}' to print '{expected}'", ct);

    /// <summary>Every node's corosync-quorumtool reports quorum with the expected number of members.</summary>
    internal static async Task WaitForQuorumAsync(IEnumerable<BootContainer> nodes, int clusterSize, CancellationToken ct, int? expectedMembers = null)
    {
        foreach (var node in nodes)
        {
            await Polling.UntilAsync(
                async token => (await node.ExecAsync(["corosync-quorumtool", "-s"], token)).StandardOutput,
                output => output.Contains("Quorate:          Yes", StringComparison.Ordinal)
                    && output.Contains($"Total votes:      {expectedMembers ?? clusterSize}", StringComparison.Ordinal),
                StepTimeout, $"{node.Name}: quorate with {expectedMembers ?? clusterSize} of {clusterSize} votes", ct);
        }
    }
}
