using System.Runtime.InteropServices;
using PveCluster.Api.Interop.Libc;

namespace PveCluster.Api.Daemon;

/// <summary>
/// The file-system side of pvedaemon's socket: its directory is root:www-data 0750 (only root and www-data's group
/// can even reach the socket), the socket itself 0660 root:www-data. The uid check per connection
/// (<see cref="PeerPolicy"/>) comes on top.
/// </summary>
public sealed class DaemonSocket(string path, uint group)
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    public string Path { get; } = path;

    public string DirectoryPath => System.IO.Path.GetDirectoryName(Path) ?? "/";

    /// <summary>Creates (or narrows) the directory and removes a socket left by a previous run.</summary>
    public void PrepareDirectory()
    {
        Directory.CreateDirectory(DirectoryPath, DirectoryMode);
        Own(DirectoryPath, DirectoryMode);
        File.Delete(Path);
    }

    /// <summary>After Kestrel created the socket (with the process umask): 0660 root:www-data.</summary>
    public void RestrictSocket() => Own(Path, SocketMode);

    private void Own(string target, UnixFileMode mode)
    {
        if (Libc.chown(target, PeerPolicy.RootUid, group) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot give '{target}' to root:{group}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        File.SetUnixFileMode(target, mode);
    }
}
