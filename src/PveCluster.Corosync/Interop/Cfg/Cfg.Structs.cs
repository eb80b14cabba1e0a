using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop.Cfg;

/// <summary><c>corosync_cfg_node_address_t</c> (32 bytes): a sockaddr_in / sockaddr_in6 image.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CfgNodeAddressNative
{
    public int AddressLength;
    public fixed byte Address[28];
}

/// <summary><c>struct corosync_knet_link_status_v1</c> (520 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct KnetLinkStatusV1
{
    public const int AddressLength = 256;

    public byte Enabled;
    public byte Connected;
    public byte DynConnected;
    public uint Mtu;
    public fixed byte SrcIpAddr[AddressLength];
    public fixed byte DstIpAddr[AddressLength];
}

/// <summary><c>struct corosync_cfg_node_status_v1</c> (4176 bytes, 8 links).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CfgNodeStatusV1
{
    public const int Version1 = 1;
    public const int MaxLinks = 8;

    public int Version;
    public uint NodeId;
    public byte Reachable;
    public byte Remote;
    public byte External;
    public byte OnwireMin;
    public byte OnwireMax;
    public byte OnwireVer;
    public LinkArray LinkStatus;

    [System.Runtime.CompilerServices.InlineArray(MaxLinks)]
    public struct LinkArray
    {
        private KnetLinkStatusV1 _element0;
    }
}

/// <summary><c>corosync_cfg_callbacks_t</c> (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CfgCallbacks
{
    public delegate* unmanaged[Cdecl]<ulong, int, void> Shutdown;
}
