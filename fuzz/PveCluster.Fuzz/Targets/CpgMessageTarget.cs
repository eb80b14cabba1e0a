using System.Text;
using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Cfs.Tree;
using PveCluster.Corosync.Cpg;
using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz.Targets;

/// <summary>
/// The binary messages pmxcfs members exchange over CPG. Any byte sequence a peer sends must decode
/// or raise <see cref="MalformedMessageException"/>; a decoded message must encode to exactly the bytes it came from.
/// </summary>
internal sealed class CpgMessageTarget : FuzzTarget
{
    private static readonly string[] Paths = ["/corosync.conf", "/nodes/n1/qemu-server/100.conf", "/priv/authkey.key", "/", "", "//", "/a/../b",
        "/nodes/\u00e9", "/x\0y", "/" + new string('a', 300)];

    public override string Name => "cpg-message";

    public override string Description => "pmxcfs replication messages over CPG (Cfs/Replication/Messages)";

    public override bool IsText => false;

    public override IReadOnlyList<byte[]> Samples { get; } = [.. RealMessages().Select(MessageCodec.Encode)];

    public override bool Run(byte[] input)
    {
        var message = MessageCodec.Decode(input);
        InvariantViolatedException.Check(MessageCodec.Encode(message).AsSpan().SequenceEqual(input), "encode(decode(x)) differs from x");
        return true;
    }

    public override bool IsRejection(Exception exception) => IsClearError<MalformedMessageException>(exception);

    public override byte[]? Generate(Random random, Mutator mutator) => MessageCodec.Encode(RandomMessage(random));

    private static IEnumerable<ReplicationMessage> RealMessages()
    {
        var epoch = new SyncEpoch(1, 4242, 7);
        var digest = Enumerable.Range(0, TreeIndex.DigestLength).Select(i => (byte)i).ToArray();
        yield return new NormalMessage(1, 1_750_000_000, new CreateFileOperation("/nodes/n1/qemu-server/100.conf", 1_750_000_000));
        yield return new NormalMessage(2, 1_750_000_001, new MakeDirectoryOperation("/nodes/n2", 1_750_000_001));
        yield return new NormalMessage(3, 1_750_000_002, new WriteOperation("/corosync.conf", 0, Encoding.UTF8.GetBytes("totem {\n  version: 2\n}\n"), 1_750_000_002));
        yield return new NormalMessage(4, 1_750_000_003, new TruncateOperation("/corosync.conf", 0, 1_750_000_003));
        yield return new NormalMessage(5, 1_750_000_004, new DeleteOperation("/nodes/n1/lxc/101.conf"));
        yield return new NormalMessage(6, 1_750_000_005, new RenameOperation("/nodes/n1/qemu-server/100.conf", "/nodes/n2/qemu-server/100.conf"));
        yield return new NormalMessage(7, 1_750_000_006, new SetModificationTimeOperation("/user.cfg", 1_750_000_006));
        yield return new SyncStartMessage(epoch, [new CpgMember(1, 4242), new CpgMember(2, 777), new CpgMember(3, 9)]);
        yield return new StateMessage(epoch, 3, new TreeIndex(12, 1_750_000_000, 1, [new IndexEntry(0, 1, digest), new IndexEntry(5, 12, digest)]));
        yield return new UpdateMessage(epoch,
        [
            new EntryData(0, 0, "", EntryKind.Directory, 1, 1, 1_750_000_000, []),
            new EntryData(5, 0, "corosync.conf", EntryKind.File, 12, 2, 1_750_000_000, Encoding.UTF8.GetBytes("totem {\n}\n")),
        ]);
        yield return new UpdateCompleteMessage(epoch);
        yield return new AppliedMessage(epoch, 12);
        yield return new VerifyRequestMessage(epoch, 2);
        yield return new VerifyMessage(epoch, 2, digest);
    }

    private static ReplicationMessage RandomMessage(Random random)
    {
        var epoch = new SyncEpoch((uint)random.Next(), (uint)random.Next(), (ulong)random.NextInt64());
        string Path() => Paths[random.Next(Paths.Length)];
        byte[] Bytes() => random.Next(8) == 0 ? new byte[random.Next(70_000)] : [.. Enumerable.Range(0, random.Next(64)).Select(_ => (byte)random.Next(256))];
        return random.Next(8) switch
        {
            0 => new NormalMessage((ulong)random.NextInt64(), random.NextInt64(), random.Next(7) switch
            {
                0 => new CreateFileOperation(Path(), random.NextInt64()),
                1 => new MakeDirectoryOperation(Path(), random.NextInt64()),
                2 => new WriteOperation(Path(), random.NextInt64(), Bytes(), random.NextInt64()),
                3 => new TruncateOperation(Path(), random.NextInt64(), random.NextInt64()),
                4 => new DeleteOperation(Path()),
                5 => new RenameOperation(Path(), Path()),
                _ => new SetModificationTimeOperation(Path(), random.NextInt64()),
            }),
            1 => new SyncStartMessage(epoch, [.. Enumerable.Range(0, random.Next(8)).Select(_ => new CpgMember((uint)random.Next(), (uint)random.Next()))]),
            2 => new StateMessage(epoch, (ulong)random.NextInt64(), new TreeIndex((ulong)random.NextInt64(), random.NextInt64(), (uint)random.Next(),
                [.. Enumerable.Range(0, random.Next(8)).Select(_ => new IndexEntry((ulong)random.Next(), (ulong)random.Next(), new byte[TreeIndex.DigestLength]))])),
            3 => new UpdateMessage(epoch, [.. Enumerable.Range(0, random.Next(4)).Select(i => new EntryData((ulong)i, 0, Path().TrimStart('/'),
                random.Next(2) == 0 ? EntryKind.File : EntryKind.Directory, (ulong)random.Next(), (uint)random.Next(), random.NextInt64(), Bytes()))]),
            4 => new AppliedMessage(epoch, (ulong)random.NextInt64()),
            5 => new VerifyRequestMessage(epoch, (ulong)random.NextInt64()),
            6 => new VerifyMessage(epoch, (ulong)random.NextInt64(), Bytes()),
            _ => new UpdateCompleteMessage(epoch),
        };
    }
}
