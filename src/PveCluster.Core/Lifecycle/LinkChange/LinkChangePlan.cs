using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Lifecycle;

/// <summary>The decision for a link change; outputs are null when refused.</summary>
public sealed class LinkChangePlan : Plan
{
    internal LinkChangePlan(
        string title, PlanBuilder findings, CorosyncConfig? newConfig, string? diff, IReadOnlyList<int> checkedLinks, IReadOnlyList<int> watchedLinks)
        : base(title, findings)
    {
        NewConfig = newConfig;
        Diff = diff;
        CheckedLinks = checkedLinks;
        WatchedLinks = watchedLinks;
    }

    /// <summary>The edited corosync.conf with config_version bumped.</summary>
    public CorosyncConfig? NewConfig { get; }

    /// <summary>The change as a unified diff of the file.</summary>
    public string? Diff { get; }

    /// <summary>Links whose new addresses the network preflight checks between every pair of nodes.</summary>
    public IReadOnlyList<int> CheckedLinks { get; }

    /// <summary>Links that must be connected to every member by the end of the grace period, or the change is rolled back.</summary>
    public IReadOnlyList<int> WatchedLinks { get; }

    /// <summary>Every node's address on <paramref name="link"/> in the new configuration.</summary>
    public IReadOnlyList<NodeLinkAddress> AddressesOn(int link) =>
        NewConfig is null
            ? []
            : [.. NewConfig.Nodes.Where(n => n.GetLinkAddress(link) is not null).Select(n => new NodeLinkAddress(n.Name ?? "?", n.GetLinkAddress(link)!))];
}
