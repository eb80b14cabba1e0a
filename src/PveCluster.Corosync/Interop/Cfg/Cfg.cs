using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop.Cfg;

/// <summary>Raw libcfg imports (exact C names).</summary>
internal static unsafe partial class Cfg
{
    /// <summary>Null callbacks are allowed (we never take part in the shutdown vote).</summary>
    [LibraryImport(Libraries.Cfg)]
    public static partial CsError corosync_cfg_initialize(out SafeCfgHandle handle, CfgCallbacks* callbacks);

    /// <summary>Raw overload for <see cref="SafeCfgHandle.ReleaseHandle"/> only.</summary>
    [LibraryImport(Libraries.Cfg)]
    public static partial CsError corosync_cfg_finalize(ulong handle);

    [LibraryImport(Libraries.Cfg)]
    public static partial CsError corosync_cfg_local_get(SafeCfgHandle handle, out uint localNodeId);

    /// <summary>Cluster-wide: every node re-reads its own local corosync.conf (= corosync-cfgtool -R).</summary>
    [LibraryImport(Libraries.Cfg)]
    public static partial CsError corosync_cfg_reload_config(SafeCfgHandle handle);

    /// <summary>Fills up to <paramref name="maxAddresses"/> entries; the first is link 0.</summary>
    [LibraryImport(Libraries.Cfg)]
    public static partial CsError corosync_cfg_get_node_addrs(
        SafeCfgHandle handle, uint nodeId, nuint maxAddresses, out int addressCount, CfgNodeAddressNative* addresses);

    /// <summary><paramref name="version"/> 1 fills a <see cref="CfgNodeStatusV1"/>; CS_ERR_NOT_EXIST for unknown nodes.</summary>
    [LibraryImport(Libraries.Cfg)]
    public static partial CsError corosync_cfg_node_status_get(SafeCfgHandle handle, uint nodeId, int version, void* nodeStatus);
}
