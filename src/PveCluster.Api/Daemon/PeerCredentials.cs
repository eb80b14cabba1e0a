using System.Buffers.Binary;
using System.Net.Sockets;
using PveCluster.Api.Interop.Libc;

namespace PveCluster.Api.Daemon;

/// <summary>The process at the other end of a Unix socket as the kernel recorded it at connect (<c>SO_PEERCRED</c>): not forgeable by the peer.</summary>
public readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
    /// <summary>struct ucred { pid_t pid; uid_t uid; gid_t gid; }.</summary>
    private const int UcredSize = 12;

    /// <summary>The peer of a connected Unix socket, or null when the kernel reports none.</summary>
    public static PeerCredentials? Of(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[UcredSize];
        int length;
        try
        {
            length = socket.GetRawSocketOption(Libc.SolSocket, Libc.SoPeerCred, ucred);
        }
        catch (SocketException)
        {
            return null;
        }

        if (length < UcredSize)
        {
            return null;
        }

        return new PeerCredentials(
            BinaryPrimitives.ReadInt32LittleEndian(ucred),
            BinaryPrimitives.ReadUInt32LittleEndian(ucred[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(ucred[8..]));
    }
}
