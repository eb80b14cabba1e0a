using System.Buffers.Binary;
using PveCluster.Cfs.Status;

namespace PveCluster.Cfs.Tests.Status;

public class ClusterLogCodecTests
{
    private static readonly ClusterLogEntry Sample =
        new(42, 1_750_000_000, ClusterLog.Warning, "pmxcfs", 4711, "knoten-münchen", "root@pam", "wrote 'corosync.conf' ✓");

    [Fact]
    public void Entries_survive_a_round_trip_in_order()
    {
        var second = Sample with { Uid = 43, Time = 1_750_000_001, Message = "" , Priority = 0 };

        var decoded = ClusterLogCodec.Decode(ClusterLogCodec.Encode([Sample, second]));

        Assert.Equal([Sample, second], decoded);
    }

    [Fact]
    public void Too_long_fields_are_cut_at_a_character_boundary()
    {
        var entry = Sample with { Node = new string('n', 300), Message = new string('€', 2000) };

        var decoded = Assert.Single(ClusterLogCodec.Decode(ClusterLogCodec.Encode([entry])));

        Assert.Equal(new string('n', ClusterLogCodec.MaxShortFieldBytes), decoded.Node);
        Assert.Equal(new string('€', ClusterLogCodec.MaxMessageBytes / 3), decoded.Message);
    }

    [Fact]
    public void Encoding_stops_before_the_byte_limit_but_keeps_at_least_one_entry()
    {
        var entries = Enumerable.Range(0, 10).Select(i => Sample with { Uid = (ulong)i, Message = new string('x', 1000) }).ToList();

        var limited = ClusterLogCodec.Encode(entries, maxBytes: 3500);
        var tiny = ClusterLogCodec.Encode(entries, maxBytes: 10);

        Assert.True(limited.Length <= 3500);
        Assert.Equal([0UL, 1UL, 2UL], ClusterLogCodec.Decode(limited).Select(e => e.Uid));
        Assert.Single(ClusterLogCodec.Decode(tiny));
    }

    [Fact]
    public void Every_cut_off_prefix_is_rejected()
    {
        var message = ClusterLogCodec.Encode([Sample]);
        for (var length = 0; length < message.Length; length++)
        {
            var e = Assert.Throws<ClusterLogFormatException>(() => ClusterLogCodec.Decode(message.AsSpan(0, length)));
            Assert.Contains("cluster log", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_versions_trailing_bytes_and_huge_counts_are_rejected()
    {
        var message = ClusterLogCodec.Encode([Sample]);

        var versioned = (byte[])message.Clone();
        versioned[0] = 2;
        Assert.Contains("version 2", Assert.Throws<ClusterLogFormatException>(() => ClusterLogCodec.Decode(versioned)).Message, StringComparison.Ordinal);

        byte[] trailing = [.. message, 0];
        Assert.Contains("1 bytes after", Assert.Throws<ClusterLogFormatException>(() => ClusterLogCodec.Decode(trailing)).Message, StringComparison.Ordinal);

        var counted = (byte[])message.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(counted.AsSpan(1), 60_000);
        Assert.Contains("60000 entries", Assert.Throws<ClusterLogFormatException>(() => ClusterLogCodec.Decode(counted)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_priority_and_invalid_utf8_are_rejected()
    {
        var message = ClusterLogCodec.Encode([Sample with { Node = "ab" }]);

        var priority = (byte[])message.Clone();
        priority[3 + 16] = 9;
        Assert.Contains("priority 9", Assert.Throws<ClusterLogFormatException>(() => ClusterLogCodec.Decode(priority)).Message, StringComparison.Ordinal);

        var utf8 = (byte[])message.Clone();
        utf8[3 + 21 + 1] = 0xFF; // first byte of the node name
        Assert.Contains("node that is not valid UTF-8", Assert.Throws<ClusterLogFormatException>(() => ClusterLogCodec.Decode(utf8)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_length_over_the_limit_is_rejected_before_reading_it()
    {
        var message = ClusterLogCodec.Encode([Sample with { Message = "m" }]);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(message.Length - 3), ClusterLogCodec.MaxMessageBytes + 1);

        Assert.Contains("4097-byte message", Assert.Throws<ClusterLogFormatException>(() => ClusterLogCodec.Decode(message)).Message, StringComparison.Ordinal);
    }
}
