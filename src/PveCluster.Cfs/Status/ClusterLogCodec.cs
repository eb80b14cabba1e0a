using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace PveCluster.Cfs.Status;

/// <summary>
/// Wire format of cluster log messages on the status CPG group. Little-endian:
/// version (u8), entry count (u16), then per entry uid (u64), time (i64), priority (u8), pid (i32),
/// and node, tag, user (u8 length + UTF-8) and message (u16 length + UTF-8).
/// Fields too long for the wire are cut on encode (at a character boundary); decode rejects
/// anything malformed with a <see cref="ClusterLogFormatException"/> instead of trusting lengths.
/// </summary>
public static class ClusterLogCodec
{
    public const byte Version = 1;

    /// <summary>Short fields (node, tag, user) carry at most this many UTF-8 bytes.</summary>
    public const int MaxShortFieldBytes = byte.MaxValue;

    /// <summary>The message carries at most this many UTF-8 bytes (pmxcfs caps an entry near 4 KiB too).</summary>
    public const int MaxMessageBytes = 4096;

    /// <summary>The most entries one message may claim, so a bad count cannot make the reader allocate wildly.</summary>
    public const int MaxEntriesPerMessage = 1024;

    private const int HeaderBytes = 1 + 2;
    private const int FixedEntryBytes = 8 + 8 + 1 + 4;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Encodes entries in the given order, stopping before the one that would make the message
    /// longer than <paramref name="maxBytes"/> (at least one entry is always written).
    /// </summary>
    public static byte[] Encode(IEnumerable<ClusterLogEntry> entries, int maxBytes = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var buffer = new ArrayBufferWriter<byte>();
        Span<byte> header = stackalloc byte[HeaderBytes];
        buffer.Write(header);
        var count = 0;
        foreach (var entry in entries)
        {
            var encoded = EncodeEntry(entry);
            if (count == MaxEntriesPerMessage || (count > 0 && buffer.WrittenCount + encoded.Length > maxBytes))
                break;
            buffer.Write(encoded);
            count++;
        }

        var message = buffer.WrittenSpan.ToArray();
        message[0] = Version;
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(1), (ushort)count);
        return message;
    }

    public static IReadOnlyList<ClusterLogEntry> Decode(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderBytes)
            throw new ClusterLogFormatException($"cluster log message is {message.Length} bytes, shorter than its {HeaderBytes}-byte header");
        if (message[0] != Version)
            throw new ClusterLogFormatException($"cluster log message has version {message[0]}, expected {Version}");
        int count = BinaryPrimitives.ReadUInt16LittleEndian(message[1..]);
        if (count > MaxEntriesPerMessage)
            throw new ClusterLogFormatException($"cluster log message claims {count} entries, more than {MaxEntriesPerMessage}");

        var reader = new Reader(message[HeaderBytes..]);
        var entries = new List<ClusterLogEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var uid = reader.UInt64(i);
            var time = reader.Int64(i);
            var priority = reader.Byte(i);
            if (priority > 7)
                throw new ClusterLogFormatException($"cluster log entry {i} has priority {priority}, outside syslog's 0..7");
            var pid = reader.Int32(i);
            var node = reader.Text(i, lengthBytes: 1, "node");
            var tag = reader.Text(i, lengthBytes: 1, "tag");
            var user = reader.Text(i, lengthBytes: 1, "user");
            var text = reader.Text(i, lengthBytes: 2, "message");
            entries.Add(new ClusterLogEntry(uid, time, priority, tag, pid, node, user, text));
        }

        if (reader.Remaining > 0)
            throw new ClusterLogFormatException($"cluster log message has {reader.Remaining} bytes after its {count} entries");
        return entries;
    }

    private static byte[] EncodeEntry(ClusterLogEntry entry)
    {
        var node = Fit(entry.Node, MaxShortFieldBytes);
        var tag = Fit(entry.Tag, MaxShortFieldBytes);
        var user = Fit(entry.User, MaxShortFieldBytes);
        var message = Fit(entry.Message, MaxMessageBytes);
        var bytes = new byte[FixedEntryBytes + 3 + node.Length + tag.Length + user.Length + 2 + message.Length];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, entry.Uid);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], entry.Time);
        span[16] = checked((byte)entry.Priority);
        BinaryPrimitives.WriteInt32LittleEndian(span[17..], entry.Pid);
        var at = FixedEntryBytes;
        foreach (var field in (ReadOnlySpan<byte[]>)[node, tag, user])
        {
            span[at++] = (byte)field.Length;
            field.CopyTo(span[at..]);
            at += field.Length;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)message.Length);
        message.CopyTo(span[(at + 2)..]);
        return bytes;
    }

    /// <summary>UTF-8 of <paramref name="text"/>, cut to whole characters so it fits <paramref name="maxBytes"/>.</summary>
    private static byte[] Fit(string text, int maxBytes)
    {
        var buffer = new byte[Math.Min(maxBytes, StrictUtf8.GetMaxByteCount(text.Length))];
        // Stops before a character that would not fit whole; lone surrogates become U+FFFD.
        Utf8.FromUtf16(text, buffer, out _, out var written);
        return buffer[..written];
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _rest = data;

        public readonly int Remaining => _rest.Length;

        public ulong UInt64(int entry) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, entry, "uid"));

        public long Int64(int entry) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, entry, "time"));

        public byte Byte(int entry) => Take(1, entry, "priority")[0];

        public int Int32(int entry) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, entry, "pid"));

        public string Text(int entry, int lengthBytes, string field)
        {
            var prefix = Take(lengthBytes, entry, field + " length");
            int length = lengthBytes == 1 ? prefix[0] : BinaryPrimitives.ReadUInt16LittleEndian(prefix);
            if (lengthBytes == 2 && length > MaxMessageBytes)
                throw new ClusterLogFormatException($"cluster log entry {entry} has a {length}-byte {field}, more than {MaxMessageBytes}");
            var bytes = Take(length, entry, field);
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new ClusterLogFormatException($"cluster log entry {entry} has a {field} that is not valid UTF-8");
            }
        }

        private ReadOnlySpan<byte> Take(int count, int entry, string field)
        {
            if (_rest.Length < count)
                throw new ClusterLogFormatException($"cluster log entry {entry} is cut off in its {field} ({count} bytes needed, {_rest.Length} left)");
            var taken = _rest[..count];
            _rest = _rest[count..];
            return taken;
        }
    }
}
