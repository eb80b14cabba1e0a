using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Libc;

internal static partial class LibcUmask
{
    /// <summary>umask(2): sets the file mode creation mask and returns the previous one; it cannot fail.</summary>
    [LibraryImport(Libraries.Libc)]
    public static partial uint umask(uint mask);
}
