using System.Net;

namespace PveCluster.Corosync.Cfg;

/// <summary>One knet link as <c>corosync_cfg_node_status_get</c> reports it (what <c>corosync-cfgtool -n</c> prints).</summary>
public sealed record CfgLinkStatus(int LinkNumber, bool Enabled, bool Connected, bool DynamicallyConnected, uint Mtu, string Source, string Destination);

/// <summary>Reachability of a node and its enabled links. For the local node link 0 shows src == dst and mtu 65535.</summary>
public sealed record CfgNodeStatus(
    uint NodeId,
    bool Reachable,
    bool Remote,
    bool External,
    byte OnwireMin,
    byte OnwireMax,
    byte OnwireVersion,
    IReadOnlyList<CfgLinkStatus> Links);

/// <summary>An address corosync uses for a node (<c>corosync_cfg_get_node_addrs</c>), first = link 0.</summary>
public sealed record CfgNodeAddress(IPAddress Address, int Port);
