using Microsoft.Extensions.Logging;
using PveCluster.Lab.Naming;

namespace PveCluster.Lab;

public sealed partial class LabCluster
{
    /// <summary>iptables comment that marks the lab's DROP rules, so heal removes only those.</summary>
    private const string CutComment = "pvelab-cut";

    /// <summary>NFQUEUE number of link L is this + L (queues are per network namespace).</summary>
    private const int DelayQueueBase = 100;

    /// <summary>
    /// Cuts a node off on one link (null = all). Default: the host end of the veth goes down, so the
    /// node sees carrier loss. With <paramref name="drop"/>: iptables DROP inside the node, a silent loss.
    /// </summary>
    public async Task CutAsync(int node, int? link, bool drop, CancellationToken cancellationToken)
    {
        CheckNode(node);
        foreach (var l in LinksOf(link))
        {
            if (drop)
            {
                var inner = LabNames.NodeInterface(l);
                await InNetnsCheckedAsync(node, ["iptables", "-w", "-I", "INPUT", "-i", inner, "-m", "comment", "--comment", CutComment, "-j", "DROP"],
                    cancellationToken).ConfigureAwait(false);
                await InNetnsCheckedAsync(node, ["iptables", "-w", "-I", "OUTPUT", "-o", inner, "-m", "comment", "--comment", CutComment, "-j", "DROP"],
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _runner.RunCheckedAsync(["ip", "link", "set", _names.HostVeth(node, l), "down"], cancellationToken).ConfigureAwait(false);
            }
            _logger.LogInformation("cut node {Node} link {Link} ({Mode}) at {Time:HH:mm:ss.fff}", node, l, drop ? "drop" : "carrier", DateTime.Now);
        }
    }

    /// <summary>Undoes both kinds of cut on one link (null = all).</summary>
    public async Task HealAsync(int node, int? link, CancellationToken cancellationToken)
    {
        CheckNode(node);
        foreach (var l in LinksOf(link))
        {
            var inner = LabNames.NodeInterface(l);
            foreach (var (chain, direction) in new[] { ("INPUT", "-i"), ("OUTPUT", "-o") })
            {
                // -D removes one copy per call; repeat until none is left (cut may have run twice).
                while ((await InNetnsAsync(node, ["iptables", "-w", "-D", chain, direction, inner, "-m", "comment", "--comment", CutComment, "-j", "DROP"],
                    cancellationToken).ConfigureAwait(false)).Succeeded)
                {
                }
            }
            await _runner.RunCheckedAsync(["ip", "link", "set", _names.HostVeth(node, l), "up"], cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("healed node {Node} link {Link} at {Time:HH:mm:ss.fff}", node, l, DateTime.Now);
        }
    }

    /// <summary>Runs a command in a node's network namespace only (host file system view), e.g. iptables.</summary>
    private Task<Processes.CommandResult> InNetnsAsync(int node, IEnumerable<string> command, CancellationToken cancellationToken) =>
        _runner.RunAsync(["nsenter", $"--net=/run/netns/{_names.Netns(node)}", "--", .. command], cancellationToken);

    private Task<Processes.CommandResult> InNetnsCheckedAsync(int node, IEnumerable<string> command, CancellationToken cancellationToken) =>
        _runner.RunCheckedAsync(["nsenter", $"--net=/run/netns/{_names.Netns(node)}", "--", .. command], cancellationToken);
}
