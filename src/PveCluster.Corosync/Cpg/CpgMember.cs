namespace PveCluster.Corosync.Cpg;

/// <summary>One process in a CPG group: the corosync node id plus the process id on that node.</summary>
public readonly record struct CpgMember(uint NodeId, uint Pid) : IComparable<CpgMember>
{
    /// <summary>Orders members the same way on every node (node id, then pid).</summary>
    public int CompareTo(CpgMember other) =>
        NodeId != other.NodeId ? NodeId.CompareTo(other.NodeId) : Pid.CompareTo(other.Pid);

    public static bool operator <(CpgMember left, CpgMember right) => left.CompareTo(right) < 0;
    public static bool operator >(CpgMember left, CpgMember right) => left.CompareTo(right) > 0;
    public static bool operator <=(CpgMember left, CpgMember right) => left.CompareTo(right) <= 0;
    public static bool operator >=(CpgMember left, CpgMember right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{NodeId}/{Pid}";
}
