using System.Runtime.InteropServices;

namespace PveCluster.Api.Interop.Libc;

internal static partial class Libc
{
    public const int EEXIST = 17;

    /// <summary>
    /// Unlike Directory.CreateDirectory, fails with EEXIST when the directory exists: on pmxcfs that makes it the
    /// cluster-wide lock primitive (totally ordered, so one node wins).
    /// </summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "mkdir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mkdir(string path, uint mode);
}
