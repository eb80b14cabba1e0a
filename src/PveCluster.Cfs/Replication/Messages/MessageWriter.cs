using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace PveCluster.Cfs.Replication.Messages;

/// <summary>Little-endian writer; the counterpart of <see cref="MessageReader"/>.</summary>
internal sealed class MessageWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public int Length => _buffer.WrittenCount;

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        WriteFixed(value);
    }

    public void WriteFixed(ReadOnlySpan<byte> value) => _buffer.Write(value);

    public void WriteString(string value) => WriteBytes(Encoding.UTF8.GetBytes(value));

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
