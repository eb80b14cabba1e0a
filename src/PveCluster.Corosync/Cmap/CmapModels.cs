namespace PveCluster.Corosync.Cmap;

/// <summary>A cmap key and its decoded value (sbyte..ulong, float, double, string or byte[]).</summary>
public sealed record CmapEntry(string Key, object? Value);

/// <summary>What happened to a tracked key.</summary>
public enum CmapChangeKind
{
    Deleted = 1,
    Modified = 2,
    Added = 4,
}

/// <summary>A change on a tracked prefix. <see cref="OldValue"/> is null for additions, <see cref="NewValue"/> for deletions.</summary>
public sealed record CmapChange(string Key, CmapChangeKind Kind, object? NewValue, object? OldValue);

/// <summary>The <c>totem.*</c> keys pvecm and the API show (null when not set).</summary>
public sealed record TotemInfo(
    string? ClusterName,
    ulong? ConfigVersion,
    string? Transport,
    string? SecAuth,
    string? LinkMode,
    string? CryptoCipher,
    string? CryptoHash,
    string? IpVersion);

/// <summary>One <c>nodelist.node.N.*</c> block. <see cref="RingAddresses"/> is indexed by link number (null for unused links).</summary>
public sealed record CmapNodelistNode(int Position, uint NodeId, string? Name, uint QuorumVotes, IReadOnlyList<string?> RingAddresses);

/// <summary>One <c>runtime.members.ID.*</c> block: corosync's view of a node it has seen (status "joined" or "left").</summary>
public sealed record RuntimeMember(uint NodeId, string? Status, string? Ip, uint JoinCount, ulong? ConfigVersion);

/// <summary>knet link statistics for one peer link from the stats map (<c>stats.knet.nodeN.linkL.*</c>).</summary>
public sealed record KnetLinkStats(uint NodeId, int LinkNumber, bool Enabled, bool Connected, uint? Mtu, uint? LatencyAverageMicroseconds);
