using System.Runtime.InteropServices;
using PveCluster.Cfs.Interop.Fuse3;
using PveCluster.Cfs.Interop.Libc;

namespace PveCluster.Cfs.Fuse;

/// <summary>
/// The native entry points in the operations table. They run on libfuse's worker threads, find
/// their <see cref="MountedFileSystem"/> through <c>fuse_get_context()->private_data</c>, translate
/// pointers and never let an exception cross into native code (<see cref="Failed"/>).
/// </summary>
internal static unsafe class FuseCallbacks
{
    public static FuseOperations CreateOperations() => new()
    {
        getattr = &GetAttr,
        readlink = &ReadLink,
        mkdir = &MakeDirectory,
        unlink = &Unlink,
        rmdir = &RemoveDirectory,
        rename = &Rename,
        chmod = &ChangeMode,
        chown = &ChangeOwner,
        truncate = &Truncate,
        open = &Open,
        read = &Read,
        write = &Write,
        statfs = &StatFs,
        flush = &NoOp,
        release = &Release,
        fsync = &FileSync,
        opendir = &OpenDirectory,
        readdir = &ReadDirectory,
        releasedir = &NoOp,
        init = &Init,
        create = &Create,
        utimens = &SetTimes,
    };

    [UnmanagedCallersOnly]
    private static nint Init(nint connection, FuseConfig* config)
    {
        // Other nodes change the tree behind the kernel's back: no caching of entries,
        // attributes, negative lookups or file pages, so every access asks us.
        config->entry_timeout = 0;
        config->negative_timeout = 0;
        config->attr_timeout = 0;
        config->kernel_cache = 0;
        config->use_ino = 0;
        // An unlinked-but-open file must not be kept as a ".fuse_hidden*" file in the replicated tree.
        config->hard_remove = 1;
        return Fuse3.fuse_get_context()->private_data;
    }

    [UnmanagedCallersOnly]
    private static int GetAttr(byte* path, Stat* stat, FuseFileInfo* fileInfo)
    {
        try
        {
            var result = FileSystem.GetAttributes(PathOf(path), Caller(), out var attributes);
            if (result == 0)
                Fill(stat, attributes);
            return result;
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int ReadLink(byte* path, byte* buffer, nuint size)
    {
        try
        {
            var result = FileSystem.ReadLink(PathOf(path), out var target);
            if (result != 0)
                return result;
            if (size == 0)
                return -Errno.EINVAL;
            // readlink(2) semantics of the FUSE API: truncate and always NUL-terminate.
            var destination = new Span<byte>(buffer, (int)Math.Min(size, int.MaxValue));
            var written = System.Text.Encoding.UTF8.GetBytes(target.AsSpan(), destination[..^1]);
            destination[written] = 0;
            return 0;
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int MakeDirectory(byte* path, uint mode)
    {
        try
        {
            return FileSystem.MakeDirectory(PathOf(path), Caller());
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Unlink(byte* path)
    {
        try
        {
            return FileSystem.Unlink(PathOf(path), Caller());
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int RemoveDirectory(byte* path)
    {
        try
        {
            return FileSystem.RemoveDirectory(PathOf(path), Caller());
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Rename(byte* from, byte* to, uint flags)
    {
        try
        {
            return FileSystem.Rename(PathOf(from), PathOf(to), flags, Caller());
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int ChangeMode(byte* path, uint mode, FuseFileInfo* fileInfo)
    {
        try
        {
            return FileSystem.ChangeMode(PathOf(path), mode, Caller());
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int ChangeOwner(byte* path, uint uid, uint gid, FuseFileInfo* fileInfo)
    {
        try
        {
            return FileSystem.ChangeOwner(PathOf(path), uid, gid, Caller());
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Truncate(byte* path, long length, FuseFileInfo* fileInfo)
    {
        try
        {
            return FileSystem.Truncate(PathOf(path), length, Caller());
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Open(byte* path, FuseFileInfo* fileInfo)
    {
        try
        {
            var result = FileSystem.Open(PathOf(path), fileInfo->flags, Caller(), out var handle, out var directIo);
            fileInfo->fh = handle;
            fileInfo->DirectIo = directIo;
            return result;
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Read(byte* path, byte* buffer, nuint size, long offset, FuseFileInfo* fileInfo)
    {
        try
        {
            var destination = new Span<byte>(buffer, (int)Math.Min(size, int.MaxValue));
            return FileSystem.Read(PathOf(path), fileInfo == null ? 0 : fileInfo->fh, destination, offset);
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Write(byte* path, byte* buffer, nuint size, long offset, FuseFileInfo* fileInfo)
    {
        try
        {
            var data = new ReadOnlySpan<byte>(buffer, (int)Math.Min(size, int.MaxValue));
            return FileSystem.Write(PathOf(path), data, offset, Caller());
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int StatFs(byte* path, StatVfs* stat)
    {
        try
        {
            FileSystem.GetUsage(out var usage);
            *stat = default;
            stat->f_bsize = usage.BlockSize;
            stat->f_frsize = usage.BlockSize;
            stat->f_blocks = usage.Blocks;
            stat->f_bfree = usage.FreeBlocks;
            stat->f_bavail = usage.FreeBlocks;
            stat->f_files = usage.Files;
            stat->f_ffree = usage.FreeFiles;
            stat->f_favail = usage.FreeFiles;
            stat->f_namemax = usage.NameMax;
            return 0;
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    /// <summary>flush/releasedir: every write is already applied when it returns, nothing is buffered.</summary>
    [UnmanagedCallersOnly]
    private static int NoOp(byte* path, FuseFileInfo* fileInfo) => 0;

    /// <summary>fsync: a write returns only after it was persisted by the tree, so there is nothing left to sync.</summary>
    [UnmanagedCallersOnly]
    private static int FileSync(byte* path, int dataOnly, FuseFileInfo* fileInfo) => 0;

    [UnmanagedCallersOnly]
    private static int Release(byte* path, FuseFileInfo* fileInfo)
    {
        try
        {
            return FileSystem.Release(fileInfo->fh);
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int OpenDirectory(byte* path, FuseFileInfo* fileInfo)
    {
        try
        {
            return FileSystem.GetAttributes(PathOf(path), Caller(), out var attributes) is var result && result != 0
                ? result
                : (attributes.Mode & Stat.S_IFMT) == Stat.S_IFDIR ? 0 : -Errno.ENOTDIR;
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int ReadDirectory(byte* path, void* buffer, nint filler, long offset, FuseFileInfo* fileInfo, int flags)
    {
        try
        {
            var names = new List<string>();
            var result = FileSystem.ListDirectory(PathOf(path), Caller(), names);
            if (result != 0)
                return result;
            var fill = (delegate* unmanaged<void*, byte*, Stat*, long, int, int>)filler;
            Span<byte> name = stackalloc byte[4 * CfsFileSystem.MaxNameLength + 1];
            foreach (var entry in names)
            {
                var length = System.Text.Encoding.UTF8.GetBytes(entry, name[..^1]);
                name[length] = 0;
                fixed (byte* namePointer = name)
                {
                    // Offset 0: libfuse buffers the whole listing; a non-zero return means its buffer is full.
                    if (fill(buffer, namePointer, null, 0, 0) != 0)
                        break;
                }
            }

            return 0;
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Create(byte* path, uint mode, FuseFileInfo* fileInfo)
    {
        try
        {
            fileInfo->fh = 0;
            return FileSystem.Create(PathOf(path), Caller());
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int SetTimes(byte* path, Timespec* times, FuseFileInfo* fileInfo)
    {
        try
        {
            long? mtime = null;
            if (times != null)
            {
                var modified = times[1];
                if (modified.tv_nsec == Timespec.UTIME_OMIT)
                    return 0;
                if (modified.tv_nsec != Timespec.UTIME_NOW)
                    mtime = modified.tv_sec;
            }

            return FileSystem.SetModificationTime(PathOf(path), mtime, Caller());
        }
        catch (Exception e)
        {
            return Failed(e);
        }
    }

    private static CfsFileSystem FileSystem => Mounted.FileSystem;

    private static MountedFileSystem Mounted =>
        (MountedFileSystem)GCHandle.FromIntPtr(Fuse3.fuse_get_context()->private_data).Target!;

    private static CallerIdentity Caller()
    {
        var context = Fuse3.fuse_get_context();
        return new CallerIdentity(context->uid, context->gid, context->pid);
    }

    /// <summary>libfuse passes NULL paths for operations on unlinked-but-open files (hard_remove).</summary>
    private static string PathOf(byte* path) => path == null ? "" : Marshal.PtrToStringUTF8((nint)path) ?? "";

    private static void Fill(Stat* stat, NodeAttributes attributes)
    {
        *stat = default;
        stat->st_mode = attributes.Mode;
        stat->st_nlink = attributes.Links;
        stat->st_uid = attributes.Uid;
        stat->st_gid = attributes.Gid;
        stat->st_size = attributes.Size;
        stat->st_blksize = 4096;
        stat->st_blocks = (attributes.Size + 511) / 512;
        stat->st_mtim.tv_sec = attributes.MTime;
        stat->st_atim.tv_sec = attributes.MTime;
        stat->st_ctim.tv_sec = attributes.MTime;
    }

    /// <summary>The single exception boundary: log and turn the exception into -errno.</summary>
    private static int Failed(Exception exception)
    {
        try
        {
            Mounted.ReportFailure(exception);
        }
#pragma warning disable CA1031 // nothing may escape into libfuse's thread, not even a failing logger
        catch (Exception)
        {
        }
#pragma warning restore CA1031
        return ErrnoMapping.FromException(exception);
    }
}
