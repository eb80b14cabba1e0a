using System.Buffers.Binary;
using System.Text;

namespace PveCluster.Cfs.Replication.Messages;

/// <summary>Little-endian reader that checks every length against what is left before reading.</summary>
internal ref struct MessageReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly int Remaining => _buffer.Length - _position;

    public byte ReadByte() => Take(1)[0];

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>A count of items that each need at least <paramref name="minItemSize"/> bytes (so a forged count cannot allocate much).</summary>
    public int ReadCount(int minItemSize)
    {
        var count = ReadUInt32();
        if (count > (ulong)Remaining / (ulong)Math.Max(1, minItemSize))
        {
            throw new MalformedMessageException($"count {count} exceeds the {Remaining} remaining bytes");
        }

        return (int)count;
    }

    public byte[] ReadBytes(int maxLength)
    {
        var length = ReadUInt32();
        if (length > maxLength)
        {
            throw new MalformedMessageException($"field of {length} bytes exceeds the limit of {maxLength}");
        }

        return Take((int)length).ToArray();
    }

    public byte[] ReadFixed(int length) => Take(length).ToArray();

    public string ReadString(int maxLength)
    {
        var bytes = ReadBytes(maxLength);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new MalformedMessageException("a string is not valid UTF-8", e);
        }
    }

    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new MalformedMessageException($"{Remaining} unexpected bytes after the message");
        }
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > Remaining)
        {
            throw new MalformedMessageException($"message truncated: needed {length} bytes at offset {_position}, {Remaining} left");
        }

        var span = _buffer.Slice(_position, length);
        _position += length;
        return span;
    }
}
