using System.Globalization;
using PveCluster.Core.Lifecycle;

namespace PveCluster.Core.Links.Probe;

/// <summary>What the network preflight found: it refuses unreachable addresses and slow links, and warns about MTU and clocks.</summary>
public sealed class NetworkPreflightReport : Plan
{
    internal NetworkPreflightReport(string title, PlanBuilder findings, IReadOnlyList<string> table)
        : base(title, findings) => Table = table;

    /// <summary>One line per measured path, for the output.</summary>
    public IReadOnlyList<string> Table { get; }
}

/// <summary>A node's clock compared with the local one; <see cref="UncertaintyMs"/> is half the round trip of the query.</summary>
public sealed record NodeClock(string Node, long OffsetMs, long UncertaintyMs);

/// <summary>Turns probe measurements into a <see cref="NetworkPreflightReport"/> (the admin guide's network requirements).</summary>
public static class NetworkPreflightEvaluator
{
    /// <summary>Average UDP round trip a corosync link should stay under.</summary>
    public const double MaxAverageRttMs = 2.0;

    /// <summary>Clock differences beyond this are reported (certificates, tickets and logs rely on close clocks).</summary>
    public const long MaxClockSkewMs = 1000;

    public static NetworkPreflightReport Evaluate(
        IReadOnlyList<ProbeReady> nodes, IReadOnlyList<ProbeResult> results, IReadOnlyList<NodeClock> clocks)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(clocks);
        var plan = new PlanBuilder();
        var table = new List<string>();
        foreach (var node in nodes)
        {
            foreach (var listener in node.Listeners)
            {
                if (listener.Error is { } problem)
                {
                    plan.Error($"node '{node.Node}': cannot use {listener.Address}: {problem}");
                }
                else
                {
                    table.Add(string.Create(CultureInfo.InvariantCulture,
                        $"node '{node.Node}': {listener.Address} answers on UDP {listener.Port}, interface MTU {listener.Mtu?.ToString(CultureInfo.InvariantCulture) ?? "?"}"));
                }
            }
        }

        foreach (var result in results)
        {
            var t = result.Target;
            var path = $"link {t.Link}: {t.From} -> {t.To} ('{t.Node}')";
            if (result.Error is { } error)
            {
                plan.Error($"{path}: {error}");
                table.Add($"{path}: ERROR {error}");
            }
            else if (result.Received == 0)
            {
                plan.Error($"{path}: no answer to {result.Sent} UDP probes on port {t.Port} (firewall, wrong address or no route)");
                table.Add($"{path}: no answer (0/{result.Sent})");
            }
            else
            {
                var avg = result.LatencyMs ?? 0;
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{path}: {result.Received}/{result.Sent} UDP probes answered, avg round trip {avg:0.000} ms ({(result.IcmpAverageMs is null ? "UDP" : "ICMP")})");
                table.Add(line);
                if (result.Received < result.Sent)
                {
                    plan.Warning(string.Create(CultureInfo.InvariantCulture, $"{path}: {result.Sent - result.Received} of {result.Sent} probes were lost"));
                }

                if (avg >= MaxAverageRttMs)
                {
                    plan.Error(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: average round trip {avg:0.00} ms; corosync needs a low-latency network (under {MaxAverageRttMs} ms)"));
                }
            }
        }

        CheckMtu(nodes, results, plan);
        foreach (var clock in clocks.Where(c => Math.Abs(c.OffsetMs) - c.UncertaintyMs > MaxClockSkewMs))
        {
            plan.Warning(string.Create(CultureInfo.InvariantCulture,
                $"node '{clock.Node}': its clock is {clock.OffsetMs} ms off this node's (±{clock.UncertaintyMs} ms); keep clocks in sync (NTP)"));
        }

        return new NetworkPreflightReport("Network preflight", plan, table);
    }

    /// <summary>All interfaces of one link should have the same MTU: knet fragments to the smallest path MTU, which hurts throughput.</summary>
    private static void CheckMtu(IReadOnlyList<ProbeReady> nodes, IReadOnlyList<ProbeResult> results, PlanBuilder plan)
    {
        foreach (var link in results.GroupBy(r => r.Target.Link))
        {
            var addresses = link.SelectMany(r => new[] { r.Target.From, r.Target.To }).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var mtus = nodes
                .SelectMany(n => n.Listeners.Where(l => l.Mtu is not null && addresses.Contains(l.Address)).Select(l => (n.Node, l.Address, Mtu: l.Mtu!.Value)))
                .ToList();
            if (mtus.Select(m => m.Mtu).Distinct().Count() > 1)
            {
                plan.Warning($"link {link.Key}: interface MTUs differ ({string.Join(", ", mtus.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Node} {m.Address} {m.Mtu}")))}); "
                    + "use the same MTU on every node of a link");
            }
        }
    }
}
