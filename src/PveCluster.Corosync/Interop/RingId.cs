using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop;

/// <summary>
/// <c>cpg_ring_id</c>, <c>quorum_ring_id</c> and <c>votequorum_ring_id_t</c> share this shape:
/// 16 bytes with 4 bytes of padding after the node id. Passed <b>by value</b> into callbacks, so
/// the sequential layout (not Pack=1) is what makes the SysV calling convention line up.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RingIdNative
{
    public uint NodeId;
    public ulong Seq;
}
