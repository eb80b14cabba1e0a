namespace PveCluster.Cfs.Tree;

/// <summary>
/// A mutation of the tree as it travels through the total order. Applying the same operation
/// with the same writer and timestamp to the same tree gives the same result on every node.
/// </summary>
internal abstract record TreeOperation
{
    /// <summary>Computes the effect without changing the tree the planner reads.</summary>
    public abstract OperationPlan Plan(TreePlanner planner);
}

internal sealed record CreateFileOperation(string Path, long MTime) : TreeOperation
{
    public override OperationPlan Plan(TreePlanner planner) => planner.Create(Path, EntryKind.File, MTime);
}

internal sealed record MakeDirectoryOperation(string Path, long MTime) : TreeOperation
{
    public override OperationPlan Plan(TreePlanner planner) => planner.Create(Path, EntryKind.Directory, MTime);
}

internal sealed record WriteOperation(string Path, long Offset, byte[] Data, long MTime) : TreeOperation
{
    public override OperationPlan Plan(TreePlanner planner) => planner.Write(Path, Offset, Data, MTime);
}

internal sealed record TruncateOperation(string Path, long Length, long MTime) : TreeOperation
{
    public override OperationPlan Plan(TreePlanner planner) => planner.Truncate(Path, Length, MTime);
}

internal sealed record DeleteOperation(string Path) : TreeOperation
{
    public override OperationPlan Plan(TreePlanner planner) => planner.Delete(Path);
}

internal sealed record RenameOperation(string From, string To) : TreeOperation
{
    public override OperationPlan Plan(TreePlanner planner) => planner.Rename(From, To);
}

internal sealed record SetModificationTimeOperation(string Path, long MTime) : TreeOperation
{
    public override OperationPlan Plan(TreePlanner planner) => planner.SetModificationTime(Path, MTime);
}

/// <summary>
/// The outcome of planning: an error (nothing changes) or the changes to persist and apply.
/// <paramref name="Reason"/> explains a refusal an administrator should see in the log (a rule of
/// the cluster, not a plain POSIX error such as a missing file).
/// </summary>
internal readonly record struct OperationPlan(CfsError Error, TreeChangeSet Changes, string? Reason = null)
{
    public static OperationPlan Fail(CfsError error, string? reason = null) => new(error, TreeChangeSet.Empty, reason);
}
