using System.Runtime.InteropServices;

namespace PveCluster.Lifecycle.Interop;

/// <summary>
/// mkdir(2) itself: .NET's Directory.CreateDirectory succeeds when the directory already exists, but a
/// pmxcfs lock is exactly "mkdir succeeded here and failed with EEXIST everywhere else".
/// </summary>
internal static partial class Libc
{
    public const int EEXIST = 17;

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mkdir(string path, uint mode);
}
