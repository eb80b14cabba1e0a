using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop.Quorum;

/// <summary><c>quorum_model_v1_data_t</c> (24 bytes). Copied at initialize.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct QuorumModelV1Data
{
    public const int ModelV1 = 1;

    public int Model;
    public delegate* unmanaged[Cdecl]<ulong, uint, RingIdNative, uint, uint*, void> QuorumNotify;
    public delegate* unmanaged[Cdecl]<ulong, RingIdNative, uint, uint*, uint, uint*, uint, uint*, void> NodelistNotify;
}
