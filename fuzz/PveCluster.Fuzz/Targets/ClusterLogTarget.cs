using PveCluster.Cfs.Status;
using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz.Targets;

/// <summary>
/// Cluster log messages on the status CPG group: any byte sequence must decode or raise
/// <see cref="ClusterLogFormatException"/>; decoded entries must encode to exactly the bytes they came from.
/// </summary>
internal sealed class ClusterLogTarget : FuzzTarget
{
    private static readonly string[] Texts = ["", "pmxcfs", "root@pam", "n1", "starting task UPID:n1:00001234", "\u00e9\u4e2d\U0001F600", "a\nb", "x\0y"];

    public override string Name => "cluster-log";

    public override string Description => "cluster log messages over CPG (Cfs/Status/ClusterLogCodec)";

    public override bool IsText => false;

    public override IReadOnlyList<byte[]> Samples { get; } =
    [
        ClusterLogCodec.Encode([new ClusterLogEntry(1, 1_750_000_000, 6, "pmxcfs", 1234, "n1", "root@pam", "wrote new corosync config")]),
        ClusterLogCodec.Encode(
        [
            new ClusterLogEntry(2, 1_750_000_001, 3, "pvecm", 99, "n2", "root@pam", "node n3 left"),
            new ClusterLogEntry(3, 1_750_000_002, 7, "", 0, "n3", "", new string('x', 5000)),
        ]),
        ClusterLogCodec.Encode([]),
    ];

    public override bool Run(byte[] input)
    {
        var entries = ClusterLogCodec.Decode(input);
        InvariantViolatedException.Check(ClusterLogCodec.Encode(entries).AsSpan().SequenceEqual(input), "encode(decode(x)) differs from x");
        return true;
    }

    public override bool IsRejection(Exception exception) => IsClearError<ClusterLogFormatException>(exception);

    public override byte[]? Generate(Random random, Mutator mutator)
    {
        string Text() => Texts[random.Next(Texts.Length)];
        var entries = Enumerable.Range(0, random.Next(5)).Select(_ => new ClusterLogEntry(
            (ulong)random.NextInt64(), random.NextInt64(), random.Next(8), Text(), random.Next(), Text(), Text(), Text()));
        return ClusterLogCodec.Encode([.. entries]);
    }
}
