using System.Text.Json;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links.Probe;

namespace PveCluster.Lifecycle.Network;

/// <summary>
/// The network preflight: starts a probe responder on every node (its link addresses, UDP 5405 when free), then
/// from every node sends probes from its own address on each link to every other node's, and evaluates the
/// answers: reachability, average round trip under 2 ms, interface MTUs and clock skew.
/// </summary>
public sealed class NetworkPreflight(LifecycleContext context, Action<string> progress)
{
    private const int ProbesPerPath = 10;

    private readonly NodeCommand _command = new(context.Paths);

    /// <summary>Each node's addresses and clock, without probing (for <c>--network CIDR</c>).</summary>
    public async Task<IReadOnlyList<ProbeReady>> FactsAsync(IReadOnlyList<PreflightNode> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var facts = new List<ProbeReady>();
        foreach (var node in nodes)
        {
            var session = await ProbeSession.StartAsync(_command, node, [], context.Time, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                facts.Add(session.Ready);
            }
        }

        return facts;
    }

    /// <param name="nodes">Every node to check.</param>
    /// <param name="links">Per link, every node's (new) address on it.</param>
    /// <param name="cancellationToken">Stops the probes.</param>
    public async Task<NetworkPreflightReport> RunAsync(
        IReadOnlyList<PreflightNode> nodes, IReadOnlyDictionary<int, IReadOnlyList<NodeLinkAddress>> links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(links);
        var sessions = new List<ProbeSession>();
        try
        {
            foreach (var node in nodes)
            {
                var own = links.Values.SelectMany(l => l).Where(a => Same(a.Node, node.Name)).Select(a => a.Address).ToList();
                progress($"preflight: starting the probe on '{node.Name}' ({(node.IsLocal ? "here" : $"ssh {node.SshAddress}")}) for {string.Join(", ", own)}");
                sessions.Add(await ProbeSession.StartAsync(_command, node, own, context.Time, cancellationToken).ConfigureAwait(false));
            }

            var results = new List<ProbeResult>();
            foreach (var node in nodes)
            {
                var targets = Targets(node, links, sessions);
                if (targets.Count > 0)
                {
                    results.AddRange(await PingFromAsync(node, targets, cancellationToken).ConfigureAwait(false));
                }
            }

            return NetworkPreflightEvaluator.Evaluate([.. sessions.Select(s => s.Ready)], results, [.. sessions.Select(s => s.Clock)]);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static List<ProbeTarget> Targets(
        PreflightNode from, IReadOnlyDictionary<int, IReadOnlyList<NodeLinkAddress>> links, List<ProbeSession> sessions)
    {
        var targets = new List<ProbeTarget>();
        foreach (var (link, addresses) in links.OrderBy(l => l.Key))
        {
            if (addresses.FirstOrDefault(a => Same(a.Node, from.Name)) is not { } own)
            {
                continue;
            }

            foreach (var peer in addresses.Where(a => !Same(a.Node, from.Name)))
            {
                var listener = sessions.FirstOrDefault(s => Same(s.Ready.Node, peer.Node))?.Ready.Listeners
                    .FirstOrDefault(l => string.Equals(l.Address, peer.Address, StringComparison.OrdinalIgnoreCase) && l.Error is null);

                // An address its node cannot bind is already an error; probing it anyway shows whether something else answers.
                targets.Add(new ProbeTarget(peer.Node, link, own.Address, peer.Address, listener?.Port ?? UdpProbeResponder.CorosyncPort));
            }
        }

        return targets;
    }

    private async Task<IReadOnlyList<ProbeResult>> PingFromAsync(PreflightNode node, List<ProbeTarget> targets, CancellationToken cancellationToken)
    {
        var start = _command.StartInfo(node, ["netprobe", "ping", "--count", ProbesPerPath.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var input = JsonSerializer.Serialize(targets, ProbeJsonContext.Default.ListProbeTarget);
        var arguments = start.ArgumentList.ToList();
        var result = await context.Processes.RunAsync(start.FileName, arguments, cancellationToken, input + "\n").ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LifecycleException($"node '{node.Name}': the network probe failed: {result.Describe()}");
        }

        return JsonSerializer.Deserialize(result.StandardOutput, ProbeJsonContext.Default.ListProbeResult)
            ?? throw new LifecycleException($"node '{node.Name}': the network probe printed no result");
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
