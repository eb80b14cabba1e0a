using PveCluster.Cfs.Interop.Libc;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Fuse;

internal sealed partial class CfsFileSystem
{
    /// <summary>renameat2 flags.</summary>
    public const uint RENAME_NOREPLACE = 1;
    public const uint RENAME_EXCHANGE = 2;

    public int MakeDirectory(string path, CallerIdentity caller)
    {
        if (CheckNewEntry(path, caller) is var refused && refused != 0)
            return refused;
        return Await(tree.MakeDirectoryAsync(path, Now(), stopping));
    }

    /// <summary>What refuses a new file or directory before the tree sees it: a generated name, the caller's rights, the name's length.</summary>
    private int CheckNewEntry(string path, CallerIdentity caller)
    {
        if (generated.Contains(path))
            return -Errno.EEXIST;
        if (CheckMutation(path, caller) is var denied && denied != 0)
            return denied;
        return LastSegmentLength(path) > MaxNameLength ? -Errno.ENAMETOOLONG : 0;
    }

    public int RemoveDirectory(string path, CallerIdentity caller) => Remove(path, caller, EntryKind.Directory);

    public int Unlink(string path, CallerIdentity caller) => Remove(path, caller, EntryKind.File);

    /// <summary>Atomic rename, replacing an existing file at the target (the tree does both in one ordered operation).</summary>
    public int Rename(string from, string to, uint flags, CallerIdentity caller)
    {
        if ((flags & RENAME_EXCHANGE) != 0)
            return -Errno.EINVAL;
        if (generated.Contains(from) || generated.Contains(to))
            return -Errno.EACCES;
        if (CheckMutation(from, caller) is var deniedFrom && deniedFrom != 0)
            return deniedFrom;
        if (CheckMutation(to, caller) is var deniedTo && deniedTo != 0)
            return deniedTo;
        if ((flags & RENAME_NOREPLACE) != 0 && tree.GetEntry(to) is not null)
            return -Errno.EEXIST;
        if (LastSegmentLength(to) > MaxNameLength)
            return -Errno.ENAMETOOLONG;
        return Await(tree.RenameAsync(from, to, stopping));
    }

    /// <summary>Sets the modification time; null means "now" (UTIME_NOW). Access times are not stored.</summary>
    public int SetModificationTime(string path, long? mtime, CallerIdentity caller)
    {
        if (generated.Contains(path))
            return 0;
        if (CheckMutation(path, caller) is var denied && denied != 0)
            return denied;
        return Await(tree.SetModificationTimeAsync(path, mtime ?? Now(), stopping));
    }

    /// <summary>
    /// Modes are fixed. Like pmxcfs, a chmod to the mode the entry already has succeeds (so
    /// <c>cp -p</c> and editors that restore modes keep working) and anything else is EPERM.
    /// </summary>
    public int ChangeMode(string path, uint mode, CallerIdentity caller)
    {
        if (GetAttributes(path, caller, out var attributes) is var result && result != 0)
            return result;
        const uint permissionBits = 0xFFF;
        return (mode & permissionBits) == (attributes.Mode & permissionBits) ? 0 : -Errno.EPERM;
    }

    /// <summary>
    /// Ownership is fixed at root:www-data. Like pmxcfs, chown to that owner (or "unchanged",
    /// uid/gid -1) succeeds and anything else is EPERM.
    /// </summary>
    public int ChangeOwner(string path, uint uid, uint gid, CallerIdentity caller)
    {
        if (GetAttributes(path, caller, out _) is var result && result != 0)
            return result;
        var uidOk = uid == uint.MaxValue || uid == FileModes.OwnerUid;
        var gidOk = gid == uint.MaxValue || gid == modes.GroupId;
        return uidOk && gidOk ? 0 : -Errno.EPERM;
    }

    private int Remove(string path, CallerIdentity caller, EntryKind expected)
    {
        if (generated.Contains(path))
            return -Errno.EACCES;
        if (CheckMutation(path, caller) is var denied && denied != 0)
            return denied;
        var entry = tree.GetEntry(path);
        if (entry is null)
            return -Errno.ENOENT;
        if (entry.Kind != expected)
            return expected == EntryKind.Directory ? -Errno.ENOTDIR : -Errno.EISDIR;
        return Await(tree.DeleteAsync(path, stopping));
    }
}
