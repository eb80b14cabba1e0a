using PveCluster.Core.Links;

namespace PveCluster.Core.Lifecycle;

/// <summary>The joining node's verdict before <c>pvecm add</c> sends its request.</summary>
public sealed class JoinPreflight : Plan
{
    internal JoinPreflight(
        string title, PlanBuilder findings, IReadOnlyList<LinkSpec> links, string? fallbackAddress,
        bool replacesExistingNode, IReadOnlyList<GuestId> guests)
        : base(title, findings)
    {
        Links = links;
        FallbackAddress = fallbackAddress;
        ReplacesExistingNode = replacesExistingNode;
        Guests = guests;
    }

    /// <summary>The validated link addresses to send, one per cluster link.</summary>
    public IReadOnlyList<LinkSpec> Links { get; }

    /// <summary>
    /// Set when no link was given on a single-link cluster: the resolved node IP, sent as
    /// <c>new_node_ip</c> so the member assigns it to the cluster's only link.
    /// </summary>
    public string? FallbackAddress { get; }

    /// <summary>True when a nodelist entry with this name exists and <c>--force</c> replaces it.</summary>
    public bool ReplacesExistingNode { get; }

    /// <summary>Guests found on this host (they block the join unless forced).</summary>
    public IReadOnlyList<GuestId> Guests { get; }
}
