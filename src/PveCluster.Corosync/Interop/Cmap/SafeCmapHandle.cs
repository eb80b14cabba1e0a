namespace PveCluster.Corosync.Interop.Cmap;

/// <summary>A <c>cmap_handle_t</c>; release calls <c>cmap_finalize</c>.</summary>
internal sealed class SafeCmapHandle : CorosyncSafeHandle
{
    protected override bool ReleaseHandle() => Cmap.cmap_finalize((ulong)handle) == CsError.Ok;
}
