using System.Globalization;

namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>
/// One operation of a chaos writer as it logged it (see chaos-writer.pl), and what it may have done
/// to the paths it touched (<see cref="Effects"/>).
/// </summary>
public sealed record WriterRecord(int Node, int Writer, long Seq, string Op, string Path, string Value, double Start, double End, string Result)
{
    public bool Succeeded => Result == "ok";

    /// <summary>The errno name of a failure ("EIO"), or "ok".</summary>
    public string Outcome => Succeeded ? "ok" : Result.Split('@')[0];

    /// <summary>The syscall that failed ("open", "tmp-write", "rename", ...), or "" on success.</summary>
    public string Stage => Succeeded ? "" : Result.Split('@', 2) is [_, var stage] ? stage : "";

    /// <summary>The temporary file a counter is written to before the rename.</summary>
    public string ScratchPath => Path + ".tmp";

    /// <summary>
    /// Some syscall of the operation returned success: everything but a failure of its first syscall
    /// (multi-syscall operations stop at the first failure).
    /// </summary>
    public bool AnyAcknowledged => Succeeded || (Op, Stage) is ("create", not "open") or ("counter", not "tmp-open");

    /// <summary>
    /// The failed syscall was certainly not applied: its errno says pmxcfs refused it before
    /// replicating anything (no quorum) or that its precondition did not hold. Any other errno may
    /// come after the cluster applied it — even ENOTCONN: a request in flight when pmxcfs is killed
    /// gets it although the operation may already be on its way to every node.
    /// </summary>
    public bool Refused => Outcome is "EACCES" or "EPERM" or "EROFS" or "EEXIST" or "ENOENT" or "ENOTEMPTY";

    /// <summary>What the operation did to each path it touched, as far as the writer can know.</summary>
    public IReadOnlyList<PathEffect> Effects => (Op, Stage) switch
    {
        (_, "open" or "tmp-open" or "mkdir" or "unlink" or "rmdir") when Refused => [],
        ("create", "open") => [Maybe(Path, PathState.File(""))],
        // open(O_CREAT) returned success: the (empty) file exists; a failed write may have been applied.
        ("create", "write") => [Acked(Path, PathState.File("")) with { Possible = Refused ? [] : [PathState.File(Value)] }],
        ("create", _) => [Acked(Path, PathState.File(Value))],
        ("counter", "tmp-open") => [Maybe(ScratchPath, PathState.File(""))],
        ("counter", "tmp-write") => [Acked(ScratchPath, PathState.File("")) with { Possible = Refused ? [] : [PathState.File(Value)] }],
        ("counter", "tmp-close") => [Acked(ScratchPath, PathState.File(Value))],
        ("counter", "rename") when Refused => [Acked(ScratchPath, PathState.File(Value))],
        ("counter", "rename") => [Acked(ScratchPath, PathState.File(Value)) with { Possible = [PathState.Absent] }, Maybe(Path, PathState.File(Value))],
        ("counter", _) => [Acked(ScratchPath, PathState.Absent), Acked(Path, PathState.File(Value))],
        ("lock", _) when Succeeded => [Acked(Path, PathState.Directory)],
        ("lock", _) => [Maybe(Path, PathState.Directory)],
        (_, _) when Succeeded => [Acked(Path, PathState.Absent)],
        _ => [Maybe(Path, PathState.Absent)],
    };

    private PathEffect Acked(string path, PathState state) => new(this, path, [state], []);

    private PathEffect Maybe(string path, PathState state) => new(this, path, null, [state]);

    public static WriterRecord Parse(int node, int writer, string line)
    {
        var f = line.Split('\t');
        if (f.Length != 7)
        {
            throw new FormatException($"n{node}w{writer}: malformed writer log line '{line}'");
        }
        return new WriterRecord(node, writer, long.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], f[3],
            double.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture), f[6]);
    }

    public override string ToString() =>
        $"n{Node}w{Writer}#{Seq} {Op} {Path}{(Value.Length > 0 ? $" '{Value}'" : "")} [{ChaosClock.Format(Start)} .. {ChaosClock.Format(End)}] {Result}";
}

/// <summary>
/// What one operation did to one path: the states consistent with what the writer was told
/// (<see cref="Acknowledged"/>; null when no syscall touching the path returned success), and the
/// states a failed syscall may still have produced (the cluster applied it, the reply was lost).
/// </summary>
public sealed record PathEffect(WriterRecord Record, string Path, IReadOnlyList<PathState>? Acknowledged, IReadOnlyList<PathState> Possible);
