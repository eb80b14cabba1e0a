namespace PveCluster.Corosync.Interop.Quorum;

/// <summary>A <c>quorum_handle_t</c>; release calls <c>quorum_finalize</c>.</summary>
internal sealed class SafeQuorumHandle : CorosyncSafeHandle
{
    protected override bool ReleaseHandle() => Quorum.quorum_finalize((ulong)handle) == CsError.Ok;
}
