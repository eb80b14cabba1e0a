namespace PveCluster.Corosync.Interop.Cfg;

/// <summary>A <c>corosync_cfg_handle_t</c>; release calls <c>corosync_cfg_finalize</c>.</summary>
internal sealed class SafeCfgHandle : CorosyncSafeHandle
{
    protected override bool ReleaseHandle() => Cfg.corosync_cfg_finalize((ulong)handle) == CsError.Ok;
}
