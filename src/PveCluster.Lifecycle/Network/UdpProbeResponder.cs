using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using PveCluster.Core.Links.Probe;

namespace PveCluster.Lifecycle.Network;

/// <summary>
/// The answering side of the network preflight (<c>pvecm netprobe serve</c>): echoes probe datagrams on each given
/// address, on corosync's port 5405 when it is free (the same firewall path knet uses), else on a free port.
/// </summary>
public sealed class UdpProbeResponder : IDisposable
{
    public const int CorosyncPort = 5405;

    private readonly List<Socket> _sockets;

    private UdpProbeResponder(List<Socket> sockets, ProbeReady ready)
    {
        _sockets = sockets;
        Ready = ready;
    }

    /// <summary>What the responder tells the orchestrator: its clock, addresses and sockets.</summary>
    public ProbeReady Ready { get; }

    /// <summary>Binds one socket per address; an address that cannot be bound is reported in its listener, not thrown.</summary>
    public static UdpProbeResponder Start(string node, IEnumerable<string> bindAddresses, int port, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(bindAddresses);
        ArgumentNullException.ThrowIfNull(time);
        var sockets = new List<Socket>();
        var listeners = new List<ProbeListener>();
        foreach (var text in bindAddresses.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!IPAddress.TryParse(text, out var address))
            {
                listeners.Add(new ProbeListener(text, 0, null, "not an IP address"));
                continue;
            }

            var (socket, error) = Bind(address, port);
            if (socket is null)
            {
                listeners.Add(new ProbeListener(text, 0, null, error));
                continue;
            }

            sockets.Add(socket);
            listeners.Add(new ProbeListener(text, ((IPEndPoint)socket.LocalEndPoint!).Port, MtuOf(address), null));
        }

        return new UdpProbeResponder(sockets, new ProbeReady(node, time.GetUtcNow().ToUnixTimeMilliseconds(), LocalAddresses(), listeners));
    }

    /// <summary>
    /// Echoes datagrams until cancelled, one dedicated thread per socket: blocking receive and send answer within
    /// microseconds even on a busy host, where an async continuation could wait milliseconds for a pool thread.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var threads = _sockets.Select(socket =>
        {
            var thread = new Thread(() => Echo(socket, cancellationToken)) { IsBackground = true, Name = "netprobe-echo" };
            thread.Start();
            return thread;
        }).ToList();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() =>
        {
            // Closing the sockets ends the blocking receives.
            Dispose();
            foreach (var thread in threads)
            {
                thread.Join();
            }

            done.TrySetResult();
        });
        return done.Task;
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    /// <summary>Every IP of this host's interfaces, without loopback.</summary>
    public static IReadOnlyList<string> LocalAddresses() =>
    [
        .. NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Select(a => new IPAddress(a.GetAddressBytes()).ToString())
            .Distinct(StringComparer.Ordinal),
    ];

    private static (Socket? Socket, string? Error) Bind(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return (socket, null);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && port != 0)
        {
            // corosync already serves this address (an existing link): any free port still checks the path.
            socket.Dispose();
            return Bind(address, 0);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return (null, ex.SocketErrorCode == SocketError.AddressNotAvailable
                ? "the address is not configured on this node"
                : ex.Message);
        }
    }

    private static void Echo(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[ProbeDatagram.Size * 2];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var length = socket.ReceiveFrom(buffer, ref any);
                if (ProbeDatagram.IsProbe(buffer.AsSpan(0, length)))
                {
                    socket.SendTo(buffer, 0, length, SocketFlags.None, any);
                }
            }
            catch (SocketException) when (!cancellationToken.IsCancellationRequested)
            {
                // An ICMP error from an earlier answer; keep serving.
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private static int? MtuOf(IPAddress address)
    {
        foreach (var face in NetworkInterface.GetAllNetworkInterfaces())
        {
            var properties = face.GetIPProperties();
            if (properties.UnicastAddresses.Any(a => a.Address.Equals(address)))
            {
                return address.AddressFamily == AddressFamily.InterNetwork
                    ? properties.GetIPv4Properties()?.Mtu
                    : properties.GetIPv6Properties()?.Mtu;
            }
        }

        return null;
    }
}
