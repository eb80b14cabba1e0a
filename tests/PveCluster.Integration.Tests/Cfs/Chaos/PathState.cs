namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>What a path holds on a node at the end: nothing, a directory, or a file with its content.</summary>
public readonly record struct PathState(PathKind Kind, string Content)
{
    public static readonly PathState Absent = new(PathKind.Absent, "");
    public static readonly PathState Directory = new(PathKind.Directory, "");

    public static PathState File(string content) => new(PathKind.File, content);

    public override string ToString() => Kind switch
    {
        PathKind.Absent => "absent",
        PathKind.Directory => "directory",
        _ => $"file '{Content}'",
    };
}

public enum PathKind
{
    Absent,
    Directory,
    File,
}
