using PveCluster.Core.Links;

namespace PveCluster.Core.Lifecycle;

/// <summary>Everything <c>pvecm create</c> needs to decide, gathered by the caller.</summary>
/// <param name="ClusterName">The new cluster's name (cannot be changed later).</param>
/// <param name="NodeName">This host's node name.</param>
/// <param name="Links">The <c>--linkN</c> options, 0..8 of them.</param>
/// <param name="LocalAddresses">IPs configured on this host.</param>
/// <param name="ResolvedNodeAddress">The IP this host's name resolves to, or null when it does not resolve.</param>
/// <param name="State">Cluster files and services already present on this host.</param>
/// <param name="NodeId">Requested node id (default 1).</param>
/// <param name="Votes">Requested votes (default 1, at least 1).</param>
public sealed record CreateRequest(
    string ClusterName,
    string NodeName,
    IReadOnlyList<LinkSpec> Links,
    LocalAddressSet LocalAddresses,
    string? ResolvedNodeAddress,
    LocalClusterState State,
    ulong? NodeId = null,
    ulong? Votes = null);
