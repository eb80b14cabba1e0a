namespace PveCluster.Corosync;

/// <summary>A totem ring id: the representative node plus a sequence number. Printed like corosync-quorumtool: hex "1.9".</summary>
public readonly record struct CorosyncRingId(uint NodeId, ulong Sequence)
{
    public override string ToString() => $"{NodeId:x}.{Sequence:x}";
}
