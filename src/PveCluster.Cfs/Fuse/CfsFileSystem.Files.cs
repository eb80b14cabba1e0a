using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Interop.Libc;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Fuse;

internal sealed partial class CfsFileSystem
{
    /// <summary>
    /// Opens a file. Generated files get a snapshot handle and must bypass the page cache
    /// (<paramref name="directIo"/>) because their size changes without a write. O_TRUNC arrives
    /// here (libfuse negotiates atomic O_TRUNC) and truncates through the tree.
    /// </summary>
    public int Open(string path, int flags, CallerIdentity caller, out ulong handle, out bool directIo)
    {
        handle = 0;
        directIo = false;
        var wantsWrite = OpenFlags.WantsWrite(flags);
        if (generated.FindFile(path) is { } file)
        {
            if (wantsWrite && !file.IsWritable)
                return -Errno.EACCES;
            handle = _snapshots.Add(file.Render());
            directIo = true;
            return 0;
        }

        if (DenyPrivate(path, caller, insideOnly: true) is var denied && denied != 0)
            return denied;
        var entry = tree.GetEntry(path);
        if (entry is null)
            return -Errno.ENOENT;
        if (entry.Kind == EntryKind.Directory)
            return wantsWrite ? -Errno.EISDIR : 0;
        if (!wantsWrite)
            return 0;
        if (!tree.IsWritable)
            return -Errno.EACCES;
        if ((flags & OpenFlags.O_TRUNC) != 0 && entry.Size > 0)
            return Await(tree.TruncateAsync(path, 0, Now(), stopping));
        return 0;
    }

    public int Read(string path, ulong handle, Span<byte> buffer, long offset)
    {
        if (offset < 0)
            return -Errno.EINVAL;
        ReadOnlySpan<byte> content;
        if (_snapshots.Get(handle) is { } snapshot)
            content = snapshot;
        else if (tree.ReadFile(path) is { } stored)
            content = stored.Span;
        else
            return tree.GetEntry(path) is null ? -Errno.ENOENT : -Errno.EISDIR;

        if (offset >= content.Length)
            return 0;
        var count = (int)Math.Min(buffer.Length, content.Length - offset);
        content.Slice((int)offset, count).CopyTo(buffer);
        return count;
    }

    /// <summary>Returns the number of bytes written, after the tree applied the write in order.</summary>
    public int Write(string path, ReadOnlySpan<byte> data, long offset, CallerIdentity caller)
    {
        if (offset < 0)
            return -Errno.EINVAL;
        if (generated.FindFile(path) is { } file)
            return file.Write(data) is var error && error == CfsError.None ? data.Length : ErrnoMapping.ToResult(error);
        if (CheckMutation(path, caller) is var denied && denied != 0)
            return denied;
        var result = Await(tree.WriteAsync(path, offset, data.ToArray(), Now(), stopping));
        return result == 0 ? data.Length : result;
    }

    public int Truncate(string path, long length, CallerIdentity caller)
    {
        if (length < 0)
            return -Errno.EINVAL;
        if (generated.FindFile(path) is { } file)
            return file.IsWritable ? 0 : -Errno.EACCES;
        if (CheckMutation(path, caller) is var denied && denied != 0)
            return denied;
        return Await(tree.TruncateAsync(path, length, Now(), stopping));
    }

    /// <summary>Creates an empty file (the mode argument is ignored: modes are fixed).</summary>
    public int Create(string path, CallerIdentity caller)
    {
        if (CheckNewEntry(path, caller) is var refused && refused != 0)
            return refused;
        return Await(tree.CreateFileAsync(path, Now(), stopping));
    }

    public int Release(ulong handle)
    {
        _snapshots.Remove(handle);
        return 0;
    }

    /// <summary>The common gate of every mutation: priv/ is root-only and without quorum nothing changes.</summary>
    private int CheckMutation(string path, CallerIdentity caller)
    {
        if (DenyPrivate(path, caller, insideOnly: true) is var denied && denied != 0)
            return denied;
        return tree.IsWritable ? 0 : -Errno.EACCES;
    }

    /// <summary>Blocks this FUSE worker until the ordered result is known.</summary>
    private int Await(Task<CfsError> operation)
    {
        var error = operation.GetAwaiter().GetResult();
        if (error != CfsError.None)
            LogRejected(error);
        return ErrnoMapping.ToResult(error);
    }

    private void LogRejected(CfsError error)
    {
        if (logger.IsEnabled(LogLevel.Debug))
            logger.LogDebug("tree rejected an operation: {Error}", error);
    }

    private static int LastSegmentLength(string path) => System.Text.Encoding.UTF8.GetByteCount(path.AsSpan(path.LastIndexOf('/') + 1));
}
