namespace PveCluster.Corosync.Interop;

/// <summary>
/// SONAMEs of the native libraries. The unversioned <c>.so</c> links only exist with the -dev
/// packages, so production code must name the ABI version it was written against.
/// </summary>
internal static class Libraries
{
    public const string Cpg = "libcpg.so.4";
    public const string Quorum = "libquorum.so.5";
    public const string Votequorum = "libvotequorum.so.8";
    public const string Cmap = "libcmap.so.4";
    public const string Cfg = "libcfg.so.7";
    public const string CorosyncCommon = "libcorosync_common.so.4";
    public const string Libc = "libc.so.6";
}
