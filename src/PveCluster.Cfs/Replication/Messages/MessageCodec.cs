using PveCluster.Cfs.Tree;
using PveCluster.Core.Quorum;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication.Messages;

/// <summary>
/// Binary form of the protocol: [format version][kind][body], little-endian, length-prefixed
/// strings and blobs. Decoding checks every bound and throws <see cref="MalformedMessageException"/>.
/// </summary>
internal static class MessageCodec
{
    public const byte FormatVersion = 2;

    private const int MaxPathLength = 4096;
    private const int MaxNameLength = 1024;

    /// <summary>Generous bound for decoding; the tree limits decide what is accepted.</summary>
    private const int MaxDataLength = 64 * 1024 * 1024;

    private const int MinIndexEntrySize = 8 + 8 + TreeIndex.DigestLength;
    private const int MinEntrySize = 8 + 8 + 8 + 4 + 8 + 1 + 4 + 4;

    public static byte[] Encode(ReplicationMessage message)
    {
        var writer = new MessageWriter();
        writer.WriteByte(FormatVersion);
        switch (message)
        {
            case NormalMessage normal:
                writer.WriteByte((byte)MessageKind.Normal);
                writer.WriteUInt64(normal.RequestId);
                writer.WriteInt64(normal.Timestamp);
                OperationCodec.Write(writer, normal.Operation);
                break;
            case SyncStartMessage start:
                writer.WriteByte((byte)MessageKind.SyncStart);
                WriteEpoch(writer, start.Epoch);
                writer.WriteUInt32((uint)start.Members.Count);
                foreach (var member in start.Members)
                {
                    writer.WriteUInt32(member.NodeId);
                    writer.WriteUInt32(member.Pid);
                }

                break;
            case StateMessage state:
                writer.WriteByte((byte)MessageKind.State);
                WriteEpoch(writer, state.Epoch);
                writer.WriteUInt64(state.QuorateEpoch);
                WriteIndex(writer, state.Index);
                break;
            case UpdateMessage update:
                writer.WriteByte((byte)MessageKind.Update);
                WriteEpoch(writer, update.Epoch);
                writer.WriteUInt32((uint)update.Entries.Count);
                foreach (var entry in update.Entries)
                {
                    WriteEntry(writer, entry);
                }

                break;
            case UpdateCompleteMessage complete:
                writer.WriteByte((byte)MessageKind.UpdateComplete);
                WriteEpoch(writer, complete.Epoch);
                break;
            case AppliedMessage applied:
                writer.WriteByte((byte)MessageKind.Applied);
                WriteEpoch(writer, applied.Epoch);
                writer.WriteUInt64(applied.Sequence);
                break;
            case VerifyRequestMessage request:
                writer.WriteByte((byte)MessageKind.VerifyRequest);
                WriteEpoch(writer, request.Epoch);
                writer.WriteUInt64(request.Number);
                break;
            case VerifyMessage verify:
                writer.WriteByte((byte)MessageKind.Verify);
                WriteEpoch(writer, verify.Epoch);
                writer.WriteUInt64(verify.Number);
                writer.WriteFixed(verify.Digest);
                break;
            case VotequorumVerdictMessage verdict:
                writer.WriteByte((byte)MessageKind.VotequorumVerdict);
                writer.WriteUInt32(verdict.Ring.NodeId);
                writer.WriteUInt64(verdict.Ring.Sequence);
                writer.WriteByte(verdict.Quorate ? (byte)1 : (byte)0);
                writer.WriteUInt32((uint)verdict.RingNodes.Count);
                foreach (var node in verdict.RingNodes)
                {
                    writer.WriteUInt32(node);
                }

                break;
            default:
                throw new ArgumentException($"unknown message type {message.GetType().Name}", nameof(message));
        }

        return writer.ToArray();
    }

    public static ReplicationMessage Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new MessageReader(payload);
        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw new MalformedMessageException($"unsupported message format version {version} (expected {FormatVersion})");
        }

        var kind = (MessageKind)reader.ReadByte();
        ReplicationMessage message = kind switch
        {
            MessageKind.Normal => new NormalMessage(reader.ReadUInt64(), reader.ReadInt64(), OperationCodec.Read(ref reader, MaxPathLength, MaxDataLength)),
            MessageKind.SyncStart => new SyncStartMessage(ReadEpoch(ref reader), ReadMembers(ref reader)),
            MessageKind.State => new StateMessage(ReadEpoch(ref reader), reader.ReadUInt64(), ReadIndex(ref reader)),
            MessageKind.Update => new UpdateMessage(ReadEpoch(ref reader), ReadEntries(ref reader)),
            MessageKind.UpdateComplete => new UpdateCompleteMessage(ReadEpoch(ref reader)),
            MessageKind.Applied => new AppliedMessage(ReadEpoch(ref reader), reader.ReadUInt64()),
            MessageKind.VerifyRequest => new VerifyRequestMessage(ReadEpoch(ref reader), reader.ReadUInt64()),
            MessageKind.Verify => new VerifyMessage(ReadEpoch(ref reader), reader.ReadUInt64(), reader.ReadFixed(TreeIndex.DigestLength)),
            MessageKind.VotequorumVerdict => ReadVerdict(ref reader),
            _ => throw new MalformedMessageException($"unknown message kind {(byte)kind}"),
        };
        reader.EnsureEnd();
        return message;
    }

    private static void WriteEpoch(MessageWriter writer, SyncEpoch epoch)
    {
        writer.WriteUInt32(epoch.NodeId);
        writer.WriteUInt32(epoch.Pid);
        writer.WriteUInt64(epoch.Counter);
    }

    private static SyncEpoch ReadEpoch(ref MessageReader reader) => new(reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt64());

    private static VotequorumVerdictMessage ReadVerdict(ref MessageReader reader)
    {
        var ring = new RingId(reader.ReadUInt32(), reader.ReadUInt64());
        var quorate = reader.ReadByte() switch
        {
            0 => false,
            1 => true,
            var other => throw new MalformedMessageException($"quorate flag must be 0 or 1, got {other}"),
        };
        var count = reader.ReadCount(4);
        var nodes = new List<uint>(count);
        for (var i = 0; i < count; i++)
        {
            nodes.Add(reader.ReadUInt32());
        }

        return new VotequorumVerdictMessage(ring, quorate, nodes);
    }

    private static List<CpgMember> ReadMembers(ref MessageReader reader)
    {
        var count = reader.ReadCount(8);
        var members = new List<CpgMember>(count);
        for (var i = 0; i < count; i++)
        {
            members.Add(new CpgMember(reader.ReadUInt32(), reader.ReadUInt32()));
        }

        return members;
    }

    private static void WriteIndex(MessageWriter writer, TreeIndex index)
    {
        writer.WriteUInt64(index.Version);
        writer.WriteInt64(index.MTime);
        writer.WriteUInt32(index.Writer);
        writer.WriteUInt32((uint)index.Entries.Count);
        foreach (var entry in index.Entries)
        {
            writer.WriteUInt64(entry.Inode);
            writer.WriteUInt64(entry.Version);
            writer.WriteFixed(entry.Digest);
        }
    }

    private static TreeIndex ReadIndex(ref MessageReader reader)
    {
        var version = reader.ReadUInt64();
        var mtime = reader.ReadInt64();
        var writer = reader.ReadUInt32();
        var count = reader.ReadCount(MinIndexEntrySize);
        var entries = new List<IndexEntry>(count);
        for (var i = 0; i < count; i++)
        {
            entries.Add(new IndexEntry(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadFixed(TreeIndex.DigestLength)));
        }

        return new TreeIndex(version, mtime, writer, entries);
    }

    private static void WriteEntry(MessageWriter writer, EntryData entry)
    {
        writer.WriteUInt64(entry.Inode);
        writer.WriteUInt64(entry.Parent);
        writer.WriteUInt64(entry.Version);
        writer.WriteUInt32(entry.Writer);
        writer.WriteInt64(entry.MTime);
        writer.WriteByte((byte)entry.Kind);
        writer.WriteString(entry.Name);
        writer.WriteBytes(entry.Data);
    }

    private static List<EntryData> ReadEntries(ref MessageReader reader)
    {
        var count = reader.ReadCount(MinEntrySize);
        var entries = new List<EntryData>(count);
        for (var i = 0; i < count; i++)
        {
            var inode = reader.ReadUInt64();
            var parent = reader.ReadUInt64();
            var version = reader.ReadUInt64();
            var writer = reader.ReadUInt32();
            var mtime = reader.ReadInt64();
            var kind = reader.ReadByte() switch
            {
                (byte)EntryKind.File => EntryKind.File,
                (byte)EntryKind.Directory => EntryKind.Directory,
                var other => throw new MalformedMessageException($"unknown entry kind {other}"),
            };
            entries.Add(new EntryData(inode, parent, reader.ReadString(MaxNameLength), kind, version, writer, mtime, reader.ReadBytes(MaxDataLength)));
        }

        return entries;
    }
}
