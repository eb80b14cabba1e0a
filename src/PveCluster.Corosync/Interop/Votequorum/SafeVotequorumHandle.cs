namespace PveCluster.Corosync.Interop.Votequorum;

/// <summary>A <c>votequorum_handle_t</c>; release calls <c>votequorum_finalize</c>.</summary>
internal sealed class SafeVotequorumHandle : CorosyncSafeHandle
{
    protected override bool ReleaseHandle() => Votequorum.votequorum_finalize((ulong)handle) == CsError.Ok;
}
