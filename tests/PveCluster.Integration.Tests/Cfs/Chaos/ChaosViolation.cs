namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>One broken promise found by the chaos checks.</summary>
public sealed record ChaosViolation(string Category, string Detail)
{
    /// <summary>(a) an acknowledged write that is not in the final tree of some node.</summary>
    public const string Lost = "lost acknowledged write";

    /// <summary>(b) nodes that hold different trees after the heal.</summary>
    public const string Divergent = "divergent nodes";

    /// <summary>(c) a write acknowledged while its node was cut off from the majority.</summary>
    public const string WithoutQuorum = "acknowledged without quorum";

    /// <summary>Two writers held the same mkdir lock at once (both mkdirs acknowledged).</summary>
    public const string DoubleLock = "lock held twice";

    /// <summary>An entry no writer ever created (or in a state no operation produced).</summary>
    public const string Phantom = "phantom entry";

    /// <summary>The cluster or a writer did not behave as the run needs (no recovery, hung syscall).</summary>
    public const string Run = "run problem";

    public override string ToString() => $"[{Category}] {Detail}";
}
