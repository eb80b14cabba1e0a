namespace PveCluster.Corosync.Interop.Cpg;

/// <summary>A <c>cpg_handle_t</c>; release calls <c>cpg_finalize</c>.</summary>
internal sealed class SafeCpgHandle : CorosyncSafeHandle
{
    protected override bool ReleaseHandle() => Cpg.cpg_finalize((ulong)handle) == CsError.Ok;
}
