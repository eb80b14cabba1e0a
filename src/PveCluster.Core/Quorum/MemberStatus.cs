namespace PveCluster.Core.Quorum;

/// <summary>One member row of the quorum status.</summary>
/// <param name="NodeId">The corosync node id.</param>
/// <param name="Votes">The node's current votes.</param>
/// <param name="Name">The nodelist name, or null if the node has none.</param>
/// <param name="Address">The node's first link address.</param>
/// <param name="Flags">The node's votequorum flags (only the qdevice bits are shown per node).</param>
public sealed record MemberStatus(uint NodeId, int Votes, string? Name, string Address, VotequorumFlags Flags = VotequorumFlags.None)
{
    /// <summary>The <c>A,V,NMW</c> style qdevice state of this node (<c>NR</c> when not registered).</summary>
    public string QdeviceState => VotequorumFlagNames.FormatQdeviceState(Flags);
}
