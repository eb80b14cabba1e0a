using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Libc;

internal static partial class LibcMount
{
    /// <summary>umount2(2) flag: detach now, clean up when the last user is gone.</summary>
    public const int MNT_DETACH = 2;

    /// <summary>umount2(2). Returns 0 or -1 with errno set (read it with <see cref="Marshal.GetLastPInvokeError"/>).</summary>
    [LibraryImport(Libraries.Libc, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int umount2(string target, int flags);

    /// <summary>mount(2). Returns 0 or -1 with errno set.</summary>
    [LibraryImport(Libraries.Libc, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mount(string source, string target, string filesystemtype, ulong mountflags, nint data);
}
