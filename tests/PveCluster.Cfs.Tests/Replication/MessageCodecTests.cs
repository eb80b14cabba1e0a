using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Cfs.Tree;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Tests.Replication;

public sealed class MessageCodecTests
{
    private static readonly SyncEpoch Epoch = new(3, 4242, 17);

    private static readonly TreeOperation[] Operations =
    [
        new CreateFileOperation("/nodes/n1/qemu-server/100.conf", 1700000000),
        new MakeDirectoryOperation("/priv/lock/ä", 5),
        new WriteOperation("/f", 1 << 19, [0, 1, 2, 255], -1),
        new TruncateOperation("/f", 1234, 9),
        new DeleteOperation("/d"),
        new RenameOperation("/a", "/b/c"),
        new SetModificationTimeOperation("/f", long.MaxValue),
    ];

    public static TheoryData<int> OperationIndexes() => [.. Enumerable.Range(0, Operations.Length)];

    [Theory]
    [MemberData(nameof(OperationIndexes))]
    public void Normal_messages_round_trip(int index)
    {
        var operation = Operations[index];
        var decoded = Assert.IsType<NormalMessage>(MessageCodec.Decode(MessageCodec.Encode(new NormalMessage(ulong.MaxValue, 77, operation))));
        Assert.Equal(ulong.MaxValue, decoded.RequestId);
        Assert.Equal(77, decoded.Timestamp);
        if (operation is WriteOperation write)
        {
            var decodedWrite = Assert.IsType<WriteOperation>(decoded.Operation);
            Assert.Equal((write.Path, write.Offset, write.MTime), (decodedWrite.Path, decodedWrite.Offset, decodedWrite.MTime));
            Assert.Equal(write.Data, decodedWrite.Data);
        }
        else
        {
            Assert.Equal(operation, decoded.Operation);
        }
    }

    [Fact]
    public void Votequorum_verdicts_round_trip_and_a_bad_quorate_flag_is_malformed()
    {
        var verdict = new VotequorumVerdictMessage(new PveCluster.Core.Quorum.RingId(3, 0x1c), true, [1, 2, 4]);
        var encoded = MessageCodec.Encode(verdict);
        var decoded = Assert.IsType<VotequorumVerdictMessage>(MessageCodec.Decode(encoded));
        Assert.True(decoded.SameAs(verdict));

        encoded[2 + 4 + 8] = 2;
        Assert.Throws<MalformedMessageException>(() => MessageCodec.Decode(encoded));
    }

    [Fact]
    public void Sync_messages_round_trip()
    {
        var members = new[] { new CpgMember(1, 10), new CpgMember(2, 20) };
        var start = Assert.IsType<SyncStartMessage>(MessageCodec.Decode(MessageCodec.Encode(new SyncStartMessage(Epoch, members))));
        Assert.Equal(Epoch, start.Epoch);
        Assert.Equal(members, start.Members);

        var entry = new EntryData(9, 0, "datacenter.cfg", EntryKind.File, 12, 2, 1700000000, [1, 2, 3]);
        var index = new TreeIndex(12, 1700000000, 2, [new IndexEntry(9, 12, entry.Digest)]);
        var state = Assert.IsType<StateMessage>(MessageCodec.Decode(MessageCodec.Encode(new StateMessage(Epoch, 7, index))));
        Assert.Equal(7UL, state.QuorateEpoch);
        Assert.Equal((12UL, 1700000000L, 2U), (state.Index.Version, state.Index.MTime, state.Index.Writer));
        Assert.True(state.Index.Entries.Single().SameAs(entry));

        var update = Assert.IsType<UpdateMessage>(MessageCodec.Decode(MessageCodec.Encode(new UpdateMessage(Epoch, [entry]))));
        Assert.Equal(entry.Digest, update.Entries.Single().Digest);

        var complete = Assert.IsType<UpdateCompleteMessage>(MessageCodec.Decode(MessageCodec.Encode(new UpdateCompleteMessage(Epoch))));
        Assert.Equal(Epoch, complete.Epoch);

        var applied = Assert.IsType<AppliedMessage>(MessageCodec.Decode(MessageCodec.Encode(new AppliedMessage(Epoch, 42))));
        Assert.Equal((Epoch, 42UL), (applied.Epoch, applied.Sequence));

        var request = Assert.IsType<VerifyRequestMessage>(MessageCodec.Decode(MessageCodec.Encode(new VerifyRequestMessage(Epoch, 3))));
        Assert.Equal((Epoch, 3UL), (request.Epoch, request.Number));
        var verify = Assert.IsType<VerifyMessage>(MessageCodec.Decode(MessageCodec.Encode(new VerifyMessage(Epoch, 3, entry.Digest))));
        Assert.Equal((Epoch, 3UL), (verify.Epoch, verify.Number));
        Assert.Equal(entry.Digest, verify.Digest);
    }

    [Fact]
    public void Every_truncation_of_a_valid_message_is_rejected()
    {
        var entry = new EntryData(9, 0, "x", EntryKind.File, 12, 2, 5, [1, 2, 3]);
        var bytes = MessageCodec.Encode(new UpdateMessage(Epoch, [entry]));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<MalformedMessageException>(() => MessageCodec.Decode(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Trailing_bytes_an_unknown_version_or_kind_are_rejected()
    {
        var bytes = MessageCodec.Encode(new UpdateCompleteMessage(Epoch));
        Assert.Throws<MalformedMessageException>(() => MessageCodec.Decode([.. bytes, 0]));

        var otherVersion = bytes.ToArray();
        otherVersion[0] = 1; // the format before quorum acknowledgements: its states carry no epoch
        Assert.Contains("version 1", Assert.Throws<MalformedMessageException>(() => MessageCodec.Decode(otherVersion)).Message, StringComparison.Ordinal);

        var otherKind = bytes.ToArray();
        otherKind[1] = 99;
        Assert.Throws<MalformedMessageException>(() => MessageCodec.Decode(otherKind));
    }

    [Fact]
    public void A_forged_count_cannot_make_the_decoder_allocate()
    {
        var bytes = MessageCodec.Encode(new SyncStartMessage(Epoch, [new CpgMember(1, 1)]));
        // The member count sits after version, kind and the 16-byte epoch.
        BitConverter.GetBytes(uint.MaxValue).CopyTo(bytes, 2 + 16);
        Assert.Contains("exceeds", Assert.Throws<MalformedMessageException>(() => MessageCodec.Decode(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_path_is_rejected()
    {
        var bytes = MessageCodec.Encode(new NormalMessage(1, 1, new DeleteOperation("/ab")));
        bytes[^1] = 0xFF;
        Assert.Throws<MalformedMessageException>(() => MessageCodec.Decode(bytes));
    }
}
