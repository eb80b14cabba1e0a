using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Libc;

internal static partial class LibcStat
{
    /// <summary>stat(2) (a real symbol since glibc 2.33): 0, or -1 with errno set.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int stat(string path, out Stat buffer);
}
