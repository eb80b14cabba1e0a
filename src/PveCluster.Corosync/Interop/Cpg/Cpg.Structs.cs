using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop.Cpg;

/// <summary><c>struct cpg_name</c> (132 bytes): not NUL-terminated, <see cref="Length"/> is what counts.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CpgName
{
    public const int MaxLength = 128;
    public uint Length;
    public fixed byte Value[MaxLength];
}

/// <summary><c>struct cpg_address</c> (12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CpgAddress
{
    public uint NodeId;
    public uint Pid;
    public uint Reason; // 1 JOIN, 2 LEAVE, 3 NODEDOWN, 4 NODEUP, 5 PROCDOWN
}

/// <summary><c>struct iovec</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

/// <summary><c>cpg_model_v1_data_t</c> (40 bytes). Copied by the library at initialize; only the function pointers must stay valid.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CpgModelV1Data
{
    public const int ModelV1 = 1;
    public const uint DeliverInitialTotemConf = 1;

    public int Model;
    public delegate* unmanaged[Cdecl]<ulong, CpgName*, uint, uint, void*, nuint, void> Deliver;
    public delegate* unmanaged[Cdecl]<ulong, CpgName*, CpgAddress*, nuint, CpgAddress*, nuint, CpgAddress*, nuint, void> Confchg;
    public delegate* unmanaged[Cdecl]<ulong, RingIdNative, uint, uint*, void> TotemConfchg;
    public uint Flags;
}

/// <summary><c>cpg_guarantee_t</c>.</summary>
internal enum CpgGuarantee
{
    Unordered = 0,
    Fifo = 1,
    Agreed = 2,
    Safe = 3,
}
