using System.Runtime.InteropServices;
using PveCluster.Cfs.Interop.Libc;

namespace PveCluster.Cfs.Interop.Fuse3;

/// <summary>
/// <c>struct fuse_operations</c> for FUSE_USE_VERSION 314: 42 function pointers, 336 bytes, in the
/// exact C order (lab notes §6). Null slots mean "not implemented" (ENOSYS or libfuse's default).
/// Paths are NUL-terminated UTF-8.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseOperations
{
    public const int NativeSize = 336;

    public delegate* unmanaged<byte*, Stat*, FuseFileInfo*, int> getattr;
    public delegate* unmanaged<byte*, byte*, nuint, int> readlink;
    public nint mknod;
    public delegate* unmanaged<byte*, uint, int> mkdir;
    public delegate* unmanaged<byte*, int> unlink;
    public delegate* unmanaged<byte*, int> rmdir;
    public nint symlink;
    public delegate* unmanaged<byte*, byte*, uint, int> rename;
    public nint link;
    public delegate* unmanaged<byte*, uint, FuseFileInfo*, int> chmod;
    public delegate* unmanaged<byte*, uint, uint, FuseFileInfo*, int> chown;
    public delegate* unmanaged<byte*, long, FuseFileInfo*, int> truncate;
    public delegate* unmanaged<byte*, FuseFileInfo*, int> open;
    public delegate* unmanaged<byte*, byte*, nuint, long, FuseFileInfo*, int> read;
    public delegate* unmanaged<byte*, byte*, nuint, long, FuseFileInfo*, int> write;
    public delegate* unmanaged<byte*, StatVfs*, int> statfs;
    public delegate* unmanaged<byte*, FuseFileInfo*, int> flush;
    public delegate* unmanaged<byte*, FuseFileInfo*, int> release;
    public delegate* unmanaged<byte*, int, FuseFileInfo*, int> fsync;
    public nint setxattr;
    public nint getxattr;
    public nint listxattr;
    public nint removexattr;
    public delegate* unmanaged<byte*, FuseFileInfo*, int> opendir;
    public delegate* unmanaged<byte*, void*, nint, long, FuseFileInfo*, int, int> readdir;
    public delegate* unmanaged<byte*, FuseFileInfo*, int> releasedir;
    public nint fsyncdir;
    public delegate* unmanaged<nint, FuseConfig*, nint> init;
    public nint destroy;
    public nint access;
    public delegate* unmanaged<byte*, uint, FuseFileInfo*, int> create;
    public nint @lock;
    public delegate* unmanaged<byte*, Timespec*, FuseFileInfo*, int> utimens;
    public nint bmap;
    public nint ioctl;
    public nint poll;
    public nint write_buf;
    public nint read_buf;
    public nint flock;
    public nint fallocate;
    public nint copy_file_range;
    public nint lseek;
}
