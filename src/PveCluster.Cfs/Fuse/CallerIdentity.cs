namespace PveCluster.Cfs.Fuse;

/// <summary>The process a FUSE request comes from (from <c>fuse_get_context</c>).</summary>
internal readonly record struct CallerIdentity(uint Uid, uint Gid, int Pid)
{
    public static CallerIdentity Root { get; } = new(0, 0, 0);

    public bool IsRoot => Uid == 0;
}
