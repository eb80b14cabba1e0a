using System.Buffers.Binary;
using System.Text;
using PveCluster.Corosync.Interop.Cmap;

namespace PveCluster.Corosync.Cmap;

/// <summary>Turns a raw cmap value into the matching .NET value (strings lose their trailing NUL).</summary>
internal static class CmapValues
{
    public static object? Decode(CmapValueType type, ReadOnlySpan<byte> data) => type switch
    {
        CmapValueType.None => null,
        CmapValueType.Int8 => (sbyte)data[0],
        CmapValueType.UInt8 => data[0],
        CmapValueType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(data),
        CmapValueType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(data),
        CmapValueType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(data),
        CmapValueType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(data),
        CmapValueType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(data),
        CmapValueType.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(data),
        CmapValueType.Float => BinaryPrimitives.ReadSingleLittleEndian(data),
        CmapValueType.Double => BinaryPrimitives.ReadDoubleLittleEndian(data),
        CmapValueType.String => Encoding.UTF8.GetString(TrimNul(data)),
        CmapValueType.Binary => data.ToArray(),
        _ => data.ToArray(),
    };

    /// <summary>Any integer type as unsigned; null for non-integers and negative values.</summary>
    public static ulong? AsUInt64(object? value) => value switch
    {
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        sbyte v when v >= 0 => (ulong)v,
        short v when v >= 0 => (ulong)v,
        int v when v >= 0 => (ulong)v,
        long v when v >= 0 => (ulong)v,
        _ => null,
    };

    /// <summary>Any integer type as signed; null for non-integers and values above long.MaxValue.</summary>
    public static long? AsInt64(object? value) => value switch
    {
        sbyte v => v,
        short v => v,
        int v => v,
        long v => v,
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v when v <= long.MaxValue => (long)v,
        _ => null,
    };

    private static ReadOnlySpan<byte> TrimNul(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf((byte)0);
        return end < 0 ? data : data[..end];
    }
}
