namespace PveCluster.Cfs.Fuse;

/// <summary>What getattr reports for one path; <see cref="Mode"/> includes the S_IF* type bits.</summary>
internal readonly record struct NodeAttributes(uint Mode, uint Uid, uint Gid, long Size, long MTime, ulong Links);
