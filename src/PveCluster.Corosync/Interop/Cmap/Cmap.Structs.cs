using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop.Cmap;

/// <summary><c>struct cmap_notify_value</c> (24 bytes); passed by value (on the stack) to the notify callback.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CmapNotifyValue
{
    public CmapValueType Type;
    public nuint Length;
    public void* Data;
}

/// <summary><c>cmap_value_types_t</c>. 0 appears in notifications for "no value" (created or deleted key).</summary>
internal enum CmapValueType
{
    None = 0,
    Int8 = 1,
    UInt8 = 2,
    Int16 = 3,
    UInt16 = 4,
    Int32 = 5,
    UInt32 = 6,
    Int64 = 7,
    UInt64 = 8,
    Float = 9,
    Double = 10,
    String = 11,
    Binary = 12,
}

/// <summary>CMAP_TRACK_* bits.</summary>
[Flags]
internal enum CmapTrackFlags
{
    Delete = 1,
    Modify = 2,
    Add = 4,
    Prefix = 8,
}
