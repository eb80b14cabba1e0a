using Microsoft.Extensions.Logging;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;

namespace PveCluster.Lab.Cluster;

/// <summary>Cuts and heals a node's knet links: carrier loss on the host veth, or a silent iptables DROP inside the node.</summary>
internal sealed class LinkFaults(LabTopology topology, LabNames names, NodeShell shell, CommandRunner runner, ILogger logger)
{
    /// <summary>iptables comment that marks the lab's DROP rules, so heal removes only those.</summary>
    private const string CutComment = "pvelab-cut";

    public async Task CutAsync(int node, int? link, bool drop, CancellationToken cancellationToken)
    {
        topology.CheckNode(node);
        foreach (var l in topology.LinksOf(link))
        {
            if (drop)
            {
                var inner = LabNames.NodeInterface(l);
                await shell.InNetnsCheckedAsync(node, ["iptables", "-w", "-I", "INPUT", "-i", inner, "-m", "comment", "--comment", CutComment, "-j", "DROP"],
                    cancellationToken).ConfigureAwait(false);
                await shell.InNetnsCheckedAsync(node, ["iptables", "-w", "-I", "OUTPUT", "-o", inner, "-m", "comment", "--comment", CutComment, "-j", "DROP"],
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await runner.RunCheckedAsync(["ip", "link", "set", names.HostVeth(node, l), "down"], cancellationToken).ConfigureAwait(false);
            }
            logger.LogInformation("cut node {Node} link {Link} ({Mode}) at {Time:HH:mm:ss.fff}", node, l, drop ? "drop" : "carrier", DateTime.Now);
        }
    }

    public async Task HealAsync(int node, int? link, CancellationToken cancellationToken)
    {
        topology.CheckNode(node);
        foreach (var l in topology.LinksOf(link))
        {
            var inner = LabNames.NodeInterface(l);
            foreach (var (chain, direction) in new[] { ("INPUT", "-i"), ("OUTPUT", "-o") })
            {
                // -D removes one copy per call; repeat until none is left (cut may have run twice).
                while ((await shell.InNetnsAsync(node, ["iptables", "-w", "-D", chain, direction, inner, "-m", "comment", "--comment", CutComment, "-j", "DROP"],
                    cancellationToken).ConfigureAwait(false)).Succeeded)
                {
                }
            }
            await runner.RunCheckedAsync(["ip", "link", "set", names.HostVeth(node, l), "up"], cancellationToken).ConfigureAwait(false);
            logger.LogInformation("healed node {Node} link {Link} at {Time:HH:mm:ss.fff}", node, l, DateTime.Now);
        }
    }

    /// <summary>Whether the filter table's rules (`iptables -S`) hold the lab's DROP on <paramref name="link"/>.</summary>
    public static bool IsDropped(IEnumerable<string> filterRules, int link) =>
        filterRules.Any(rule => rule.Contains($"-o {LabNames.NodeInterface(link)} ", StringComparison.Ordinal)
            && rule.Contains(CutComment, StringComparison.Ordinal));
}
