using System.Runtime.InteropServices;

namespace PveCluster.Api.Interop.Libc;

internal static partial class Libc
{
    public const int EEXIST = 17;

    /// <summary><c>SOL_SOCKET</c> and <c>SO_PEERCRED</c> (Linux): the uid of the process at the other end of a Unix socket.</summary>
    public const int SolSocket = 1;

    public const int SoPeerCred = 17;

    /// <summary>
    /// Unlike Directory.CreateDirectory, fails with EEXIST when the directory exists: on pmxcfs that makes it the
    /// cluster-wide lock primitive (totally ordered, so one node wins).
    /// </summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "mkdir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mkdir(string path, uint mode);

    /// <summary>.NET sets modes but not owners; the daemon socket's group is www-data.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int chown(string path, uint owner, uint group);
}
