using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop.Votequorum;

/// <summary><c>struct votequorum_info</c> (292 bytes: 255-byte name plus one byte of tail padding).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VotequorumInfoNative
{
    public const int QdeviceNameLength = 255;

    public uint NodeId;
    public uint NodeState;
    public uint NodeVotes;
    public uint NodeExpectedVotes;
    public uint HighestExpected;
    public uint TotalVotes;
    public uint Quorum;
    public uint Flags;
    public uint QdeviceVotes;
    public fixed byte QdeviceName[QdeviceNameLength];
}

/// <summary><c>votequorum_node_t</c> (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VotequorumNodeNative
{
    public uint NodeId;
    public uint State; // 1 MEMBER, 2 DEAD, 3 LEAVING
}

/// <summary><c>votequorum_callbacks_t</c> (24 bytes), in header order. Copied at initialize.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VotequorumCallbacks
{
    public delegate* unmanaged[Cdecl]<ulong, ulong, uint, uint, VotequorumNodeNative*, void> QuorumNotify;
    public delegate* unmanaged[Cdecl]<ulong, ulong, uint, void> ExpectedVotesNotify;
    public delegate* unmanaged[Cdecl]<ulong, ulong, RingIdNative, uint, uint*, void> NodelistNotify;
}
