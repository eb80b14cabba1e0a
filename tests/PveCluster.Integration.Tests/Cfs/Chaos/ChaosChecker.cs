namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>
/// Judges a chaos run from the writers' records, the schedule's quorum timeline and the final trees:
/// no acknowledged write lost, no divergent nodes, nothing acknowledged without quorum, no mkdir lock
/// held by two writers at once, nothing nobody wrote.
/// </summary>
public sealed class ChaosChecker(IReadOnlyList<WriterRecord> records, IReadOnlyList<QuorumLoss> losses, IReadOnlyList<NodeTree> trees)
{
    private readonly ILookup<string, PathEffect> _effects = records.SelectMany(r => r.Effects).ToLookup(e => e.Path, StringComparer.Ordinal);

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
    /// (a) For each path: the latest operation acknowledged on it (by return time) fixes the final
    /// state, except that what its failed part, or operations overlapping or following it, may have
    /// done can have changed it. Paths without any acknowledged operation are judged by Phantoms().
    /// </summary>
    public IEnumerable<ChaosViolation> LostWrites()
    {
        foreach (var group in _effects)
        {
            var effects = group.OrderBy(e => e.Record.End).ToList();
            var last = effects.LastOrDefault(e => e.Acknowledged is not null);
            if (last is null)
            {
                continue;
            }
            var allowed = new HashSet<PathState>(last.Acknowledged!);
            allowed.UnionWith(last.Possible);
            foreach (var later in effects.Where(e => e != last && e.Record.End > last.Record.Start))
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
                        $"{group.Key} on n{tree.Node} is {actual}, expected {string.Join(" or ", allowed)}; last acknowledged: {last.Record}");
                }
            }
        }
    }

    /// <summary>Entries that no writer operation could have produced (the writers' own directories aside).</summary>
    public IEnumerable<ChaosViolation> Phantoms()
    {
        foreach (var tree in trees.Where(t => t.Readable))
        {
            foreach (var (path, state) in tree.Entries)
            {
                if (!_effects.Contains(path))
                {
                    if (!ChaosWriters.IsWriterDirectory(path))
                    {
                        yield return new ChaosViolation(ChaosViolation.Phantom, $"{path} on n{tree.Node}: {state}, never written by any writer");
                    }
                    continue;
                }
                var effects = _effects[path].ToList();
                if (effects.All(e => e.Acknowledged is null) && !effects.Any(e => e.Possible.Contains(state)))
                {
                    yield return new ChaosViolation(ChaosViolation.Phantom,
                        $"{path} on n{tree.Node}: {state}, but no operation on it was acknowledged or could have produced that: {string.Join("; ", effects.Select(e => e.Record))}");
                }
            }
        }
    }

    /// <summary>
    /// (c) Operations with an acknowledged syscall that started and returned while their node was cut
    /// off from the majority (every syscall of such an operation ran inside the span).
    /// </summary>
    public IEnumerable<ChaosViolation> AcknowledgedWithoutQuorum() =>
        from record in records
        where record.AnyAcknowledged
        from loss in losses
        where loss.Contains(record)
        select new ChaosViolation(ChaosViolation.WithoutQuorum, $"{record} — {loss}");

    /// <summary>Two writers whose mkdir of the same lock both returned success, with neither released in between.</summary>
    public IEnumerable<ChaosViolation> DoubleLocks()
    {
        var holds = new List<(WriterRecord Taken, double Until)>();
        foreach (var writer in records.Where(r => r.Op is "lock" or "unlock").GroupBy(r => (r.Node, r.Writer)))
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
                    if (record.Succeeded || record.Effects.Any(e => e.Possible.Count > 0) || record.Outcome == "ENOENT")
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
            foreach (var b in holds.Where(b => (b.Taken.Node, b.Taken.Writer).CompareTo((a.Taken.Node, a.Taken.Writer)) > 0 && b.Taken.Path == a.Taken.Path))
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
