using PveCluster.Corosync.Cmap;
using PveCluster.Corosync.Interop.Cmap;

namespace PveCluster.Corosync.Tests.Cmap;

public class CmapValuesTests
{
    [Fact]
    public void Decodes_each_integer_width_little_endian()
    {
        Assert.Equal((sbyte)-2, CmapValues.Decode(CmapValueType.Int8, [0xfe]));
        Assert.Equal((byte)200, CmapValues.Decode(CmapValueType.UInt8, [200]));
        Assert.Equal((short)-2, CmapValues.Decode(CmapValueType.Int16, [0xfe, 0xff]));
        Assert.Equal((ushort)0x0102, CmapValues.Decode(CmapValueType.UInt16, [0x02, 0x01]));
        Assert.Equal(3650u, CmapValues.Decode(CmapValueType.UInt32, BitConverter.GetBytes(3650u)));
        Assert.Equal(-5, CmapValues.Decode(CmapValueType.Int32, BitConverter.GetBytes(-5)));
        Assert.Equal(ulong.MaxValue, CmapValues.Decode(CmapValueType.UInt64, BitConverter.GetBytes(ulong.MaxValue)));
        Assert.Equal(-7L, CmapValues.Decode(CmapValueType.Int64, BitConverter.GetBytes(-7L)));
        Assert.Equal(1.5, CmapValues.Decode(CmapValueType.Double, BitConverter.GetBytes(1.5)));
    }

    [Fact]
    public void Strings_drop_the_trailing_NUL() =>
        Assert.Equal("knet", CmapValues.Decode(CmapValueType.String, "knet\0"u8));

    [Fact]
    public void No_value_decodes_to_null() => Assert.Null(CmapValues.Decode(CmapValueType.None, []));

    [Fact]
    public void Integer_conversions_reject_negative_or_out_of_range_values()
    {
        Assert.Equal(5ul, CmapValues.AsUInt64((byte)5));
        Assert.Null(CmapValues.AsUInt64(-1));
        Assert.Null(CmapValues.AsUInt64("5"));
        Assert.Equal(-1L, CmapValues.AsInt64((sbyte)-1));
        Assert.Null(CmapValues.AsInt64(ulong.MaxValue));
    }
}
