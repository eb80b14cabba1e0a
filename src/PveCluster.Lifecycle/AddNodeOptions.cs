using PveCluster.Core.Links;

namespace PveCluster.Lifecycle;

/// <summary>What to add, as <c>pvecm addnode</c> and the join request give it.</summary>
/// <param name="Node">The new node's name.</param>
/// <param name="Links">Its link addresses.</param>
/// <param name="NodeId">Its node id; null picks the lowest free one.</param>
/// <param name="Votes">Its votes; null gives 1.</param>
/// <param name="FallbackAddress">The only address of a one-link cluster's new node when <paramref name="Links"/> is empty (<c>new_node_ip</c>).</param>
/// <param name="Force">Replace an existing entry of that name.</param>
/// <param name="IncludeAuthKey">Return the corosync authkey too (the joining node needs it; <c>pvecm addnode</c> does not).</param>
public sealed record AddNodeOptions(
    string Node,
    IReadOnlyList<LinkSpec> Links,
    ulong? NodeId = null,
    ulong? Votes = null,
    string? FallbackAddress = null,
    bool Force = false,
    bool IncludeAuthKey = false);
