using System.Globalization;

namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>
/// One operation of a chaos writer as it logged it (see chaos-writer.pl), and what it may have done
/// to its path: the states it acknowledged (some syscall of it returned success) and the states a
/// failed syscall may still have produced (the cluster applied it, the reply was lost).
/// </summary>
public sealed record WriterRecord(int Node, long Seq, string Op, string Path, string Value, double Start, double End, string Result)
{
    public bool Succeeded => Result == "ok";

    /// <summary>The errno name of a failure ("EIO"), or "ok".</summary>
    public string Outcome => Succeeded ? "ok" : Result.Split('@')[0];

    private string Stage => Succeeded ? "" : Result.Split('@', 2) is [_, var stage] ? stage : "";

    /// <summary>
    /// States of <see cref="Path"/> the writer was told happened, or null when no syscall of the
    /// operation touching the path returned success.
    /// </summary>
    public IReadOnlyList<PathState>? Acknowledged => Op switch
    {
        "create" when Succeeded || Stage == "close" => [PathState.File(Value)],
        // open(O_CREAT) returned success: the (empty) file exists; the write may have been applied.
        "create" when Stage == "write" => [PathState.File(""), PathState.File(Value)],
        "counter" or "lock" or "delete" or "unlock" when Succeeded => [Target],
        _ => null,
    };

    /// <summary>States a failed syscall of the operation may still have produced.</summary>
    public IReadOnlyList<PathState> Possible => Op switch
    {
        _ when Succeeded => [],
        // The errno proves the precondition failed: nothing was applied.
        "create" or "lock" when Outcome == "EEXIST" => [],
        "delete" or "unlock" when Outcome == "ENOENT" => [],
        "create" when Stage == "open" => [PathState.File("")],
        "create" => [],
        // A failure while writing the temporary file never reaches the counter's own path.
        "counter" when Stage.StartsWith("tmp-", StringComparison.Ordinal) => [],
        _ => [Target],
    };

    private PathState Target => Op switch
    {
        "create" or "counter" => PathState.File(Value),
        "lock" => PathState.Directory,
        _ => PathState.Absent,
    };

    public static WriterRecord Parse(int node, string line)
    {
        var f = line.Split('\t');
        if (f.Length != 7)
        {
            throw new FormatException($"n{node}: malformed writer log line '{line}'");
        }
        return new WriterRecord(node, long.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], f[3],
            double.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture), f[6]);
    }

    public override string ToString() =>
        $"n{Node}#{Seq} {Op} {Path}{(Value.Length > 0 ? $" '{Value}'" : "")} [{ChaosClock.Format(Start)} .. {ChaosClock.Format(End)}] {Result}";
}
