using System.Globalization;

namespace PveCluster.Core.Lifecycle;

/// <summary>
/// Says which link carries corosync traffic. In knet <c>link_mode: passive</c> the working link with
/// the HIGHEST <c>knet_link_priority</c> number is used (verified in the lab; corosync.conf(5)); on
/// equal priorities the lowest link number wins. The Proxmox admin guide says the opposite and is wrong.
/// corosync treats a missing priority, and also 0, as 1 (totemconfig.c fills in 1 when the value is 0).
/// </summary>
public static class LinkPriorityExplainer
{
    /// <summary>The priority corosync actually uses for a link.</summary>
    public static int EffectivePriority(int? configured) => configured is null or 0 ? 1 : configured.Value;

    /// <summary>Links ordered by preference: the first carries traffic, the rest are standby in this order.</summary>
    public static IReadOnlyList<int> PreferenceOrder(IEnumerable<(int Number, int? Priority)> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return [.. links.OrderByDescending(l => EffectivePriority(l.Priority)).ThenBy(l => l.Number).Select(l => l.Number)];
    }

    /// <summary>One or two sentences for a plan's notes.</summary>
    public static IReadOnlyList<string> Explain(IReadOnlyList<(int Number, int? Priority)> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count == 0)
        {
            return [];
        }

        if (links.Count == 1)
        {
            return [$"only one link (link{links[0].Number}): no network redundancy; a second link (--link1) on a separate network gives failover"];
        }

        var order = PreferenceOrder(links);
        var byNumber = links.ToDictionary(l => l.Number, l => l.Priority);
        var standby = string.Join(", ", order.Skip(1).Select(n => Describe(n, byNumber[n])));
        var notes = new List<string>
        {
            $"link_mode passive: knet sends all traffic over the working link with the HIGHEST priority number, so "
            + $"{Describe(order[0], byNumber[order[0]])} carries the traffic; standby in order: {standby}. "
            + "Equal or missing priorities prefer the lower link number. (The Proxmox admin guide says the lower "
            + "priority number wins; that is wrong.)",
        };
        if (links.Any(l => l.Priority == 0))
        {
            notes.Add("priority=0 behaves like priority=1: corosync treats 0 as 'not set'");
        }

        return notes;
    }

    private static string Describe(int number, int? priority) =>
        priority is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"link{number} (priority {p})")
            : string.Create(CultureInfo.InvariantCulture, $"link{number} (no priority)");
}
