using System.Globalization;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Quorum;
using PveCluster.Lab.Status;

namespace PveCluster.Lab;

public sealed partial class LabCluster
{
    /// <summary>
    /// The quorum view of a node from `corosync-quorumtool -s`, or null when corosync does not answer
    /// there (not running, or still starting).
    /// </summary>
    public async Task<QuorumToolStatus?> QuorumStatusAsync(int node, CancellationToken cancellationToken)
    {
        var result = await ExecAsync(node, ["corosync-quorumtool", "-s"], cancellationToken).ConfigureAwait(false);
        // The tool exits non-zero when the node is not quorate but still prints the full report.
        return result.StandardOutput.Contains("Ring ID:", StringComparison.Ordinal)
            ? QuorumToolStatus.Parse(result.StandardOutput)
            : null;
    }

    /// <summary>Which peers node <paramref name="node"/>'s knet reaches on which link (`corosync-cfgtool -s`).</summary>
    public async Task<KnetLinkView> KnetLinksAsync(int node, CancellationToken cancellationToken)
    {
        var result = await ExecCheckedAsync(node, ["corosync-cfgtool", "-s"], cancellationToken).ConfigureAwait(false);
        return KnetLinkView.Parse(result.StandardOutput);
    }

    /// <summary>Link states of a node, read from the host veth and the node's iptables rules.</summary>
    public async Task<IReadOnlyList<LinkStatus>> LinkStatusAsync(int node, CancellationToken cancellationToken)
    {
        CheckNode(node);
        var filter = await InNetnsAsync(node, ["iptables", "-w", "-S"], cancellationToken).ConfigureAwait(false);
        var mangle = await InNetnsAsync(node, ["iptables", "-w", "-t", "mangle", "-S"], cancellationToken).ConfigureAwait(false);
        var links = new List<LinkStatus>();
        for (var link = 0; link < Options.Links; link++)
        {
            var inner = LabNames.NodeInterface(link);
            var operstate = ReadOperState(_names.HostVeth(node, link));
            var dropped = filter.StandardOutput.Split('\n')
                .Any(rule => rule.Contains($"-o {inner} ", StringComparison.Ordinal) && rule.Contains(CutComment, StringComparison.Ordinal));
            var delayed = mangle.StandardOutput.Split('\n')
                .Any(rule => rule.Contains($"-o {inner} ", StringComparison.Ordinal) && rule.Contains(DelayQueueArgument(link), StringComparison.Ordinal));
            links.Add(new LinkStatus(link, string.Equals(operstate, "up", StringComparison.Ordinal), dropped, delayed));
        }
        return links;
    }

    /// <summary>One status line per node: corosync pid, link states, quorum view.</summary>
    public async Task<IReadOnlyList<NodeStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        var lines = new List<NodeStatus>();
        foreach (var node in Nodes)
        {
            var links = await LinkStatusAsync(node, cancellationToken).ConfigureAwait(false);
            var pid = CorosyncProcess(node)?.Pid;
            QuorumToolStatus? quorum = null;
            string? error = null;
            if (pid is null)
            {
                error = Options.Standalone && !File.Exists(Path.Combine(NodePath(node, NodeBind.EtcCorosync), "corosync.conf"))
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
            var services = Services.ServiceNames.All.Where(service => ServiceProcess(node, service) is not null).ToList();
            lines.Add(new NodeStatus(node, pid, links, quorum, error, services));
        }
        return lines;
    }

    private static string DelayQueueArgument(int link) => $"--queue-num {(DelayQueueBase + link).ToString(CultureInfo.InvariantCulture)}";

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
