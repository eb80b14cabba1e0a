using System.Globalization;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Quorum;
using PveCluster.Lab.Services;

namespace PveCluster.Integration.Tests.Qdevice;

/// <summary>The QDevice steps of the lab tests: pvecm qdevice on node 1, quorum views, the QDevice state of a node.</summary>
public sealed class QdeviceLab(LabCluster lab)
{
    public const string ConfInPve = "/etc/pve/corosync.conf";
    public const string StateDirectory = "/etc/corosync/qdevice";

    /// <summary>The iptables chain of <see cref="SplitAsync"/>.</summary>
    private const string SplitChain = "qdevice-split";

    /// <summary>ffsplit decides only after qnetd drops the lost node (heartbeat 8 s × 1.5) on top of the membership change.</summary>
    public static readonly TimeSpan DecisionTimeout = TimeSpan.FromSeconds(60);

    public LabCluster Lab => lab;

    public string QnetdAddress => lab.QnetdAddress!.ToString();

    /// <summary>
    /// `pvecm qdevice ARGS` on node 1. ssh-copy-id gets the qnetd server's root password from SSH_ASKPASS, as an
    /// admin would type it; the script lives in node 1's private /root.
    /// </summary>
    public async Task<CommandResult> PvecmQdeviceAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var askpass = Path.Combine(lab.NodePath(1, NodeBind.RootHome), "qnetd-askpass");
        await File.WriteAllTextAsync(askpass, $"#!/bin/sh\necho '{lab.Options.RootPassword}'\n", cancellationToken);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(askpass, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        var pvecm = LabRequirements.PublishedPvecm()!;
        return await lab.ExecAsync(
            1, ["env", "SSH_ASKPASS=/root/qnetd-askpass", "SSH_ASKPASS_REQUIRE=force", "DISPLAY=none", pvecm, "qdevice", .. arguments],
            cancellationToken);
    }

    public Task<CommandResult> ShAsync(int node, string script, CancellationToken cancellationToken) =>
        lab.ExecAsync(node, ["sh", "-c", script], cancellationToken);

    /// <summary>Polls corosync-quorumtool on the nodes until each view satisfies <paramref name="shape"/>.</summary>
    public Task<IReadOnlyList<QuorumToolStatus?>> WaitForAsync(
        IEnumerable<int> nodes, Func<QuorumToolStatus, bool> shape, string what, CancellationToken cancellationToken)
    {
        var list = nodes.ToList();
        return Polling.UntilAsync(
            ct => ClusterWait.ViewsAsync(lab, list, ct), views => views.All(v => v is not null && shape(v)),
            DecisionTimeout, $"nodes {string.Join(",", list)}: {what}", cancellationToken);
    }

    /// <summary>The device row of a quorumtool view ("Qdevice", node id 0), or null.</summary>
    public static QuorumMember? DeviceRow(QuorumToolStatus view) => view.Members.FirstOrDefault(m => m.NodeId == 0);

    /// <summary>Whether node <paramref name="node"/> accepts a write to /etc/pve right now.</summary>
    public async Task<bool> WritableAsync(int node, CancellationToken cancellationToken) =>
        (await ShAsync(node, $"printf 'n{node.ToString(CultureInfo.InvariantCulture)}\\n' > /etc/pve/qdevice-probe", cancellationToken)).Succeeded;

    /// <summary>GET /cluster/config/qdevice on a node's API as root@pam (the lab password).</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> ApiQdeviceStatusAsync(int node, CancellationToken cancellationToken)
    {
        var answer = await ApiAsync(node, HttpMethod.Get, "cluster/config/qdevice", new Dictionary<string, string>(), cancellationToken);
        Assert.True(answer.Status == System.Net.HttpStatusCode.OK, answer.Body);
        return System.Text.Json.Nodes.JsonNode.Parse(answer.Body)!["data"]!.AsObject();
    }

    /// <summary>One request to a node's API, logged in as root@pam with the lab password.</summary>
    public async Task<Lifecycle.ApiAnswer> ApiAsync(
        int node, HttpMethod method, string path, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        var ca = (await lab.ExecCheckedAsync(node, ["cat", "/etc/pve/pve-root-ca.pem"], cancellationToken)).StandardOutput;
        using var api = new Lifecycle.NodeApiClient(lab.Addressing.Node(node, 0), ca);
        var login = await api.LoginAsync("root@pam", lab.Options.RootPassword, cancellationToken);
        Assert.True(login.Status == System.Net.HttpStatusCode.OK, login.Body);
        return await api.SendFormAsync(method, path, Lifecycle.NodeApiClient.TicketOf(login.Body), form, cancellationToken);
    }

    /// <summary>
    /// Splits the cluster network between <paramref name="side"/> and <paramref name="others"/>: the nodes of
    /// <paramref name="side"/> drop everything from and to the others' addresses on every link, while both
    /// sides still reach the qnetd host (so qnetd, not the cut, picks the half that gets its vote).
    /// </summary>
    public async Task SplitAsync(IReadOnlyList<int> side, IReadOnlyList<int> others, CancellationToken cancellationToken)
    {
        var rules = others
            .SelectMany(node => Enumerable.Range(0, lab.Options.Links).Select(link => lab.Addressing.Node(node, link).ToString()))
            .Select(address => $"iptables -w -A {SplitChain} -s {address} -j DROP && iptables -w -A {SplitChain} -d {address} -j DROP");
        var script = $"iptables -w -N {SplitChain} && iptables -w -I INPUT -j {SplitChain} && iptables -w -I OUTPUT -j {SplitChain} && "
            + string.Join(" && ", rules);
        foreach (var node in side)
        {
            await lab.ExecCheckedAsync(node, ["sh", "-c", script], cancellationToken);
        }
    }

    /// <summary>Undoes <see cref="SplitAsync"/> on <paramref name="side"/> (what is not there is skipped).</summary>
    public async Task HealSplitAsync(IReadOnlyList<int> side, CancellationToken cancellationToken)
    {
        var script = $"iptables -w -D INPUT -j {SplitChain}; iptables -w -D OUTPUT -j {SplitChain}; iptables -w -F {SplitChain}; iptables -w -X {SplitChain}; "
            + $"! iptables -w -S {SplitChain} 2>/dev/null";
        foreach (var node in side)
        {
            await lab.ExecCheckedAsync(node, ["sh", "-c", script], cancellationToken);
        }
    }

    /// <summary>No certificate store and no running corosync-qdevice on any node.</summary>
    public async Task AssertNoQdeviceStateAsync(CancellationToken cancellationToken)
    {
        foreach (var node in lab.Nodes)
        {
            Assert.False((await ShAsync(node, $"test -e {StateDirectory}", cancellationToken)).Succeeded, $"n{node} kept {StateDirectory}");
            Assert.Null(lab.ServiceProcess(node, ServiceNames.CorosyncQdevice));
        }
    }
}
