using PveCluster.Integration.Tests.Cfs.Chaos;

namespace PveCluster.Integration.Tests.Unit;

/// <summary>The chaos test's judge on hand-made runs: it must flag each kind of broken promise and nothing else.</summary>
public sealed class ChaosCheckerTests
{
    private const string File1 = "/etc/pve/chaos/n1-w1/f1";
    private const string Counter = "/etc/pve/chaos/n1-w1/c0";
    private const string Lock = "/etc/pve/priv/lock/chaos-0";

    private static WriterRecord Op(int node, long seq, string op, string path, string value, double start, double end, string result) =>
        new(node, 1, seq, op, path, value, start, end, result);

    private static NodeTree Tree(int node, params (string Path, PathState State)[] entries) =>
        new(node, true, "", entries.ToDictionary(e => e.Path, e => e.State, StringComparer.Ordinal));

    private static NodeTree[] Everywhere(params (string Path, PathState State)[] entries) => [Tree(1, entries), Tree(2, entries), Tree(3, entries)];

    private static List<ChaosViolation> Check(IReadOnlyList<WriterRecord> records, IReadOnlyList<NodeTree> trees, params QuorumLoss[] losses) =>
        [.. new ChaosChecker(records, losses, trees).Check()];

    [Fact]
    public void An_acknowledged_create_missing_on_a_node_is_lost_and_divergent()
    {
        var records = new[] { Op(1, 1, "create", File1, "n1-f1", 10, 11, "ok") };
        var trees = new[] { Tree(1, (File1, PathState.File("n1-f1"))), Tree(2), Tree(3, (File1, PathState.File("n1-f1"))) };

        var violations = Check(records, trees);

        Assert.Contains(violations, v => v.Category == ChaosViolation.Lost && v.Detail.Contains("on n2", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Category == ChaosViolation.Divergent);
        Assert.Empty(Check(records, Everywhere((File1, PathState.File("n1-f1")))));
    }

    [Fact]
    public void A_failure_that_may_have_been_applied_allows_both_outcomes_but_a_refusal_does_not()
    {
        var created = Op(1, 1, "create", File1, "n1-f1", 10, 11, "ok");
        var maybeDeleted = Op(1, 2, "delete", File1, "", 12, 13, "EIO@unlink");
        var refusedDelete = Op(1, 2, "delete", File1, "", 12, 13, "EACCES@unlink");

        Assert.Empty(Check([created, maybeDeleted], Everywhere()));
        Assert.Empty(Check([created, maybeDeleted], Everywhere((File1, PathState.File("n1-f1")))));
        Assert.Contains(Check([created, refusedDelete], Everywhere()), v => v.Category == ChaosViolation.Lost);
    }

    [Fact]
    public void A_resurrected_file_and_an_old_counter_value_are_lost_writes()
    {
        var records = new[]
        {
            Op(1, 1, "create", File1, "n1-f1", 10, 11, "ok"),
            Op(1, 2, "counter", Counter, "n1-c0-2", 11, 12, "ok"),
            Op(1, 3, "counter", Counter, "n1-c0-3", 12, 13, "ok"),
            Op(1, 4, "delete", File1, "", 13, 14, "ok"),
        };

        var violations = Check(records, Everywhere((File1, PathState.File("n1-f1")), (Counter, PathState.File("n1-c0-2"))));

        Assert.Equal(6, violations.Count(v => v.Category == ChaosViolation.Lost));
        Assert.Empty(Check(records, Everywhere((Counter, PathState.File("n1-c0-3")))));
    }

    [Fact]
    public void An_open_that_succeeded_is_acknowledged_even_when_the_write_failed()
    {
        var record = Op(1, 1, "create", File1, "n1-f1", 10, 11, "EIO@write");

        Assert.Contains(Check([record], Everywhere()), v => v.Category == ChaosViolation.Lost);
        Assert.Empty(Check([record], Everywhere((File1, PathState.File("")))));
        Assert.Empty(Check([record], Everywhere((File1, PathState.File("n1-f1")))));
    }

    [Fact]
    public void Acknowledgements_inside_a_span_without_majority_are_flagged_failures_and_earlier_starts_are_not()
    {
        var loss = new QuorumLoss(3, 100, 120, "cut n3");
        var inside = Op(3, 1, "lock", Lock, "", 101, 105, "ok");
        var startedBefore = Op(3, 2, "create", "/etc/pve/chaos/n3-w1/f2", "n3-f2", 99, 105, "ok");
        var refused = Op(3, 3, "create", "/etc/pve/chaos/n3-w1/f3", "n3-f3", 106, 107, "EACCES@open");
        var trees = Everywhere((Lock, PathState.Directory), ("/etc/pve/chaos/n3-w1/f2", PathState.File("n3-f2")));

        var violations = Check([inside, startedBefore, refused], trees, loss);

        var flagged = Assert.Single(violations);
        Assert.Equal(ChaosViolation.WithoutQuorum, flagged.Category);
        Assert.StartsWith("n3w1#1 lock", flagged.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_writers_holding_the_same_lock_at_once_are_flagged()
    {
        var records = new[]
        {
            Op(1, 1, "lock", Lock, "", 10, 11, "ok"),
            Op(2, 1, "lock", Lock, "", 12, 13, "ok"),
            Op(1, 2, "unlock", Lock, "", 14, 15, "ok"),
            Op(2, 2, "unlock", Lock, "", 16, 17, "ok"),
        };
        var sequential = new[]
        {
            Op(1, 1, "lock", Lock, "", 10, 11, "ok"),
            Op(2, 1, "lock", Lock, "", 10.5, 11.5, "EEXIST@mkdir"),
            Op(1, 2, "unlock", Lock, "", 12, 13, "ok"),
            Op(2, 2, "lock", Lock, "", 14, 15, "ok"),
            Op(2, 3, "unlock", Lock, "", 16, 17, "ok"),
        };

        Assert.Contains(Check(records, Everywhere()), v => v.Category == ChaosViolation.DoubleLock);
        Assert.Empty(Check(sequential, Everywhere()));
    }

    [Fact]
    public void An_entry_nobody_wrote_is_a_phantom()
    {
        var violations = Check([], Everywhere(("/etc/pve/chaos/n1-w1", PathState.Directory), ("/etc/pve/chaos/n1-w1/f9", PathState.File("x"))));

        var phantoms = violations.Where(v => v.Category == ChaosViolation.Phantom).ToList();
        Assert.Equal(3, phantoms.Count);
        Assert.All(phantoms, p => Assert.Contains("/f9", p.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void The_timeline_derives_spans_without_majority_from_cuts_and_corosync_crashes()
    {
        var timeline = new QuorumTimeline([1, 2, 3]);
        timeline.Cut(3, 10, 11, "cut n3");
        timeline.CorosyncKilled(1, 12, 13, "kill -9 corosync on n1");
        timeline.CorosyncStarted(1, 14, 15, "start corosync on n1");
        timeline.Heal(3, 16, 17, "heal n3");
        timeline.Cut(1, 20, 21, "cut n1");
        timeline.Cut(2, 22, 23, "cut n2");
        timeline.CloseOpen();

        Assert.Equal(
            [
                "n1 13-14", "n2 13-14", "n3 11-16",
                "n1 21-inf", "n2 23-inf", "n3 23-inf",
            ],
            timeline.Losses.Select(l => $"n{l.Node} {l.From}-{(double.IsPositiveInfinity(l.To) ? "inf" : l.To)}").Order(StringComparer.Ordinal)
                .OrderBy(s => s.Contains("inf", StringComparison.Ordinal)).ToList());
    }
}
