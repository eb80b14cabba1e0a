using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Lifecycle;

/// <summary>One node's address on a link, with the host name the admin typed when the address was resolved from it.</summary>
public sealed record NodeLinkAddress(string Node, string Address, string? EnteredHostName = null)
{
    /// <summary><c>10.0.0.1</c>, or <c>10.0.0.1 (resolved from 'name')</c>.</summary>
    public string Display => EnteredHostName is { } name ? $"{Address} (resolved from '{name}')" : Address;
}

/// <summary>A change of the cluster's corosync links (<c>pvecm link add|set|remove</c>).</summary>
public abstract record LinkChange(int Link)
{
    /// <summary>The words of the plan's title, for example <c>add link 1</c>.</summary>
    public abstract string Describe();
}

/// <summary>A new link with an address on every node.</summary>
public sealed record AddLinkChange(int Link, int? Priority, IReadOnlyList<NodeLinkAddress> Addresses) : LinkChange(Link)
{
    public override string Describe() => $"add link {Link}";
}

/// <summary>
/// A new priority for a link (<see cref="ClearPriority"/> removes it), and/or a new address for one node on it.
/// </summary>
public sealed record SetLinkChange(int Link, int? Priority, bool ClearPriority, NodeLinkAddress? Address) : LinkChange(Link)
{
    public override string Describe() => Address is { } a ? $"readdress node '{a.Node}' on link {Link}" : $"set the priority of link {Link}";
}

/// <summary>A link removed from every node (never the last one).</summary>
public sealed record RemoveLinkChange(int Link) : LinkChange(Link)
{
    public override string Describe() => $"remove link {Link}";
}

/// <summary>What the link planner decides from.</summary>
/// <param name="Config">The cluster's current /etc/pve/corosync.conf.</param>
/// <param name="Change">The change asked for.</param>
/// <param name="IsQuorate">Whether this node's partition is quorate (edits of /etc/pve need quorum).</param>
/// <param name="OnlineNodeIds">The members corosync sees right now.</param>
/// <param name="SkipPreflight">The network checks are skipped (tests and experts); missing members only warn then.</param>
/// <param name="GraceSeconds">How long the result is watched before it is kept.</param>
public sealed record LinkChangeRequest(
    CorosyncConfig Config, LinkChange Change, bool IsQuorate, IReadOnlyCollection<uint> OnlineNodeIds, bool SkipPreflight, int GraceSeconds);
