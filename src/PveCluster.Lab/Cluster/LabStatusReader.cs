using PveCluster.Lab.Naming;
using PveCluster.Lab.Quorum;
using PveCluster.Lab.Services;
using PveCluster.Lab.Status;

namespace PveCluster.Lab.Cluster;

/// <summary>Reads what a lab's nodes see: quorum (`corosync-quorumtool`), knet links (`corosync-cfgtool`), link faults, services.</summary>
internal sealed class LabStatusReader(LabTopology topology, LabOptions options, LabNames names, LabPaths paths, NodeShell shell, NodeServices services)
{
    /// <summary>The quorum view of a node, or null when corosync does not answer there (not running, or still starting).</summary>
    public async Task<QuorumToolStatus?> QuorumStatusAsync(int node, CancellationToken cancellationToken)
    {
        var result = await shell.ExecAsync(node, ["corosync-quorumtool", "-s"], cancellationToken).ConfigureAwait(false);
        // The tool exits non-zero when the node is not quorate but still prints the full report.
        return result.StandardOutput.Contains("Ring ID:", StringComparison.Ordinal)
            ? QuorumToolStatus.Parse(result.StandardOutput)
            : null;
    }

    public async Task<KnetLinkView> KnetLinksAsync(int node, CancellationToken cancellationToken)
    {
        var result = await shell.ExecCheckedAsync(node, ["corosync-cfgtool", "-s"], cancellationToken).ConfigureAwait(false);
        return KnetLinkView.Parse(result.StandardOutput);
    }

    /// <summary>Link states of a node, read from the host veth and the node's iptables rules.</summary>
    public async Task<IReadOnlyList<LinkStatus>> LinkStatusAsync(int node, CancellationToken cancellationToken)
    {
        topology.CheckNode(node);
        var filter = await shell.InNetnsAsync(node, ["iptables", "-w", "-S"], cancellationToken).ConfigureAwait(false);
        var mangle = await shell.InNetnsAsync(node, ["iptables", "-w", "-t", "mangle", "-S"], cancellationToken).ConfigureAwait(false);
        var filterRules = filter.StandardOutput.Split('\n');
        var mangleRules = mangle.StandardOutput.Split('\n');
        var links = new List<LinkStatus>();
        for (var link = 0; link < options.Links; link++)
        {
            var operstate = ReadOperState(names.HostVeth(node, link));
            links.Add(new LinkStatus(link, string.Equals(operstate, "up", StringComparison.Ordinal),
                LinkFaults.IsDropped(filterRules, link), PacketDelays.IsDelayed(mangleRules, link)));
        }
        return links;
    }

    /// <summary>One status line per node: corosync pid, link states, quorum view, running services.</summary>
    public async Task<IReadOnlyList<NodeStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        var lines = new List<NodeStatus>();
        foreach (var node in topology.Nodes)
        {
            var links = await LinkStatusAsync(node, cancellationToken).ConfigureAwait(false);
            var pid = services.Find(node, ServiceNames.Corosync)?.Pid;
            QuorumToolStatus? quorum = null;
            string? error = null;
            if (pid is null)
            {
                error = options.Standalone && !File.Exists(Path.Combine(paths.NodeBindSource(node, NodeBind.EtcCorosync), "corosync.conf"))
                    ? "standalone (no corosync.conf)"
                    : "corosync not running";
            }
            else
            {
                try
                {
                    quorum = await QuorumStatusAsync(node, cancellationToken).ConfigureAwait(false);
                    error = quorum is null ? "corosync not answering" : null;
                }
                catch (FormatException e)
                {
                    error = e.Message;
                }
            }
            var running = ServiceNames.All.Where(service => services.Find(node, service) is not null).ToList();
            lines.Add(new NodeStatus(node, pid, links, quorum, error, running));
        }
        return lines;
    }

    private static string? ReadOperState(string device)
    {
        try
        {
            return File.ReadAllText($"/sys/class/net/{device}/operstate").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
