using PveCluster.Core.Quorum;

namespace PveCluster.Corosync.Cpg;

/// <summary>
/// What a CPG group reports, in the order corosync delivered it. Messages and configuration
/// changes share one stream because their relative order is part of virtual synchrony:
/// every member sees the same messages between the same two configuration changes.
/// </summary>
public abstract record CpgEvent;

/// <summary>A message multicast by <paramref name="Sender"/>; delivered in total (agreed) order, including to its sender.</summary>
public sealed record CpgMessageDelivered(CpgMember Sender, byte[] Payload) : CpgEvent;

/// <summary>The group membership changed. <paramref name="Members"/> is the complete new membership, sorted.</summary>
public sealed record CpgConfigurationChanged(
    IReadOnlyList<CpgMember> Members,
    IReadOnlyList<CpgMember> Left,
    IReadOnlyList<CpgMember> Joined) : CpgEvent;

/// <summary>
/// The totem ring this node is in (cpg's totem confchg): its id and the node ids in it. corosync
/// reports it after the group-level changes a new ring causes, and to a process that joins.
/// </summary>
public sealed record CpgRingChanged(RingId RingId, IReadOnlyList<uint> NodeIds) : CpgEvent;

/// <summary>
/// The connection to corosync was lost (corosync stopped or crashed). The group reconnects by
/// itself with back-off; a <see cref="CpgConfigurationChanged"/> follows once it has joined again.
/// </summary>
public sealed record CpgConnectionLost(string Reason) : CpgEvent;
