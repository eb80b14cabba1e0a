namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>
/// Judges a chaos run from the writers' records, the schedule's quorum timeline and the final trees:
/// no acknowledged write lost, no divergent nodes, nothing acknowledged without quorum, no mkdir lock
/// held by two nodes at once, nothing nobody wrote.
/// </summary>
public sealed class ChaosChecker(IReadOnlyList<WriterRecord> records, IReadOnlyList<QuorumLoss> losses, IReadOnlyList<NodeTree> trees)
{
    /// <summary>Scratch files of the counters' write-then-rename: their content is not a promise.</summary>
    private static bool IsScratch(string path) => path.EndsWith(".tmp", StringComparison.Ordinal);

    public IEnumerable<ChaosViolation> Check() =>
        Divergence().Concat(LostWrites()).Concat(Phantoms()).Concat(AcknowledgedWithoutQuorum()).Concat(DoubleLocks());

    /// <summary>(b) Every path on which the nodes disagree, with each node's state.</summary>
    public IEnumerable<ChaosViolation> Divergence()
    {
        foreach (var tree in trees.Where(t => !t.Readable))
        {
            yield return new ChaosViolation(ChaosViolation.Divergent, $"n{tree.Node}: tree unreadable: {tree.Error}");
        }
        var readable = trees.Where(t => t.Readable).ToList();
        foreach (var path in readable.SelectMany(t => t.Entries.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var states = readable.Select(t => (t.Node, State: t[path])).ToList();
            if (states.Select(s => s.State).Distinct().Count() > 1)
            {
                yield return new ChaosViolation(ChaosViolation.Divergent,
                    $"{path}: {string.Join(", ", states.Select(s => $"n{s.Node} {s.State}"))}");
            }
        }
    }

    /// <summary>
    /// (a) For each path: the latest acknowledged operation (by return time) fixes the final state,
    /// except that operations overlapping it or after it, acknowledged or failed-but-maybe-applied,
    /// may have changed it. Without any acknowledged operation the path may also be absent.
    /// </summary>
    public IEnumerable<ChaosViolation> LostWrites()
    {
        foreach (var group in records.Where(r => !IsScratch(r.Path)).GroupBy(r => r.Path, StringComparer.Ordinal))
        {
            var ops = group.OrderBy(r => r.End).ToList();
            var last = ops.LastOrDefault(r => r.Acknowledged is not null);
            if (last is null)
            {
                continue; // nothing promised; Phantoms() checks what such a path may hold
            }
            var allowed = new HashSet<PathState>(last.Acknowledged!);
            foreach (var later in ops.Where(r => r != last && r.End > last.Start))
            {
                allowed.UnionWith(later.Acknowledged ?? []);
                allowed.UnionWith(later.Possible);
            }
            foreach (var tree in trees.Where(t => t.Readable))
            {
                var actual = tree[group.Key];
                if (!allowed.Contains(actual))
                {
                    yield return new ChaosViolation(ChaosViolation.Lost,
                        $"{group.Key} on n{tree.Node} is {actual}, expected {string.Join(" or ", allowed)}; last acknowledged: {last}");
                }
            }
        }
    }

    /// <summary>Entries that no writer operation could have produced (ignoring the writers' own directories).</summary>
    public IEnumerable<ChaosViolation> Phantoms()
    {
        var byPath = records.GroupBy(r => r.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var tree in trees.Where(t => t.Readable))
        {
            foreach (var (path, state) in tree.Entries.Where(e => !IsScratch(e.Key)))
            {
                if (!byPath.TryGetValue(path, out var ops))
                {
                    if (state.Kind != PathKind.Directory || !path.StartsWith(ChaosWriters.Root + "/n", StringComparison.Ordinal) || path.Count(c => c == '/') != 4)
                    {
                        yield return new ChaosViolation(ChaosViolation.Phantom, $"{path} on n{tree.Node}: {state}, never written by any writer");
                    }
                    continue;
                }
                if (ops.Any(r => r.Acknowledged is not null))
                {
                    continue; // judged by LostWrites()
                }
                var possible = ops.SelectMany(r => r.Possible).ToHashSet();
                if (!possible.Contains(state))
                {
                    yield return new ChaosViolation(ChaosViolation.Phantom,
                        $"{path} on n{tree.Node}: {state}, but every operation on it failed without effect: {string.Join("; ", ops)}");
                }
            }
        }
    }

    /// <summary>(c) Acknowledged operations that started and returned while their node was cut off from the majority.</summary>
    public IEnumerable<ChaosViolation> AcknowledgedWithoutQuorum() =>
        from record in records
        where record.Acknowledged is not null
        from loss in losses
        where loss.Contains(record)
        select new ChaosViolation(ChaosViolation.WithoutQuorum, $"{record} — {loss}");

    /// <summary>Two nodes whose mkdir of the same lock both returned success, with neither released in between.</summary>
    public IEnumerable<ChaosViolation> DoubleLocks()
    {
        var holds = new List<(WriterRecord Taken, double Until)>();
        foreach (var writer in records.Where(r => r.Op is "lock" or "unlock").GroupBy(r => r.Node))
        {
            WriterRecord? taken = null;
            foreach (var record in writer.OrderBy(r => r.Seq))
            {
                if (record.Op == "lock" && record.Succeeded)
                {
                    taken = record;
                }
                else if (record.Op == "unlock" && taken is not null && record.Path == taken.Path)
                {
                    // Released, or maybe released (a failure that could have been applied), or found gone.
                    if (record.Succeeded || record.Possible.Count > 0 || record.Outcome == "ENOENT")
                    {
                        holds.Add((taken, record.Start));
                        taken = null;
                    }
                }
            }
            if (taken is not null)
            {
                holds.Add((taken, double.PositiveInfinity));
            }
        }
        foreach (var a in holds)
        {
            foreach (var b in holds.Where(b => b.Taken.Node > a.Taken.Node && b.Taken.Path == a.Taken.Path))
            {
                if (a.Taken.End < b.Until && b.Taken.End < a.Until)
                {
                    yield return new ChaosViolation(ChaosViolation.DoubleLock,
                        $"{a.Taken.Path}: {a.Taken} held until {Until(a.Until)}, {b.Taken} held until {Until(b.Until)}");
                }
            }
        }
    }

    private static string Until(double time) => double.IsPositiveInfinity(time) ? "the end" : ChaosClock.Format(time);
}
