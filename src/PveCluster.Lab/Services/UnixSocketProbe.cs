using System.Net.Sockets;

namespace PveCluster.Lab.Services;

/// <summary>Whether a daemon accepts connections on a Unix socket (pvedaemon is ready once it does).</summary>
public static class UnixSocketProbe
{
    public static bool Accepts(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
