using System.Buffers.Binary;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Corosync.Dispatch;
using PveCluster.Corosync.Interop.Cfg;
using Native = PveCluster.Corosync.Interop.Cfg.Cfg;

namespace PveCluster.Corosync.Cfg;

/// <summary>libcfg: local node id, cluster-wide config reload, node and link status, node addresses.</summary>
public sealed class CfgClient : IDisposable
{
    private const int MaxAddresses = 8; // INTERFACE_MAX
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    private readonly Connection _connection;

    private CfgClient(ILogger logger) => _connection = new Connection(logger);

    /// <summary>Connects now; throws <see cref="CorosyncException"/> with <see cref="CsError.Library"/> when corosync is not running.</summary>
    public static CfgClient Connect(ILogger? logger = null)
    {
        var client = new CfgClient(logger ?? NullLogger.Instance);
        return ClientConnector.ConnectOrDispose(client, client._connection.Connect);
    }

    /// <summary>This node's corosync node id.</summary>
    public uint GetLocalNodeId()
    {
        using var request = _connection.Begin();
        Cs.Check(request.Complete(Native.corosync_cfg_local_get(request.Handle, out var nodeId)), "corosync_cfg_local_get");
        return nodeId;
    }

    /// <summary>
    /// Asks every node to re-read its own local corosync.conf (= <c>corosync-cfgtool -R</c>).
    /// Distribute the file first; read-only keys such as cluster_name are ignored by corosync.
    /// </summary>
    public Task ReloadConfigAsync(CancellationToken cancellationToken) =>
        TryAgainPolicy.RunAsync(ReloadOnce, "corosync_cfg_reload_config", cancellationToken);

    private CsError ReloadOnce()
    {
        using var request = _connection.Begin();
        return request.Complete(Native.corosync_cfg_reload_config(request.Handle));
    }

    /// <summary>Reachability and enabled links of <paramref name="nodeId"/>; null when corosync does not know the node.</summary>
    public unsafe CfgNodeStatus? GetNodeStatus(uint nodeId)
    {
        CfgNodeStatusV1 status = default;
        using (var request = _connection.Begin())
        {
            var result = request.Complete(Native.corosync_cfg_node_status_get(request.Handle, nodeId, CfgNodeStatusV1.Version1, &status));
            if (result == CsError.NotExist)
            {
                return null;
            }

            Cs.Check(result, "corosync_cfg_node_status_get");
        }

        var links = new List<CfgLinkStatus>();
        for (var i = 0; i < CfgNodeStatusV1.MaxLinks; i++)
        {
            var link = status.LinkStatus[i];
            if (link.Enabled == 0)
            {
                continue;
            }

            links.Add(new CfgLinkStatus(
                i, true, link.Connected != 0, link.DynConnected != 0, link.Mtu,
                CString(new ReadOnlySpan<byte>(link.SrcIpAddr, KnetLinkStatusV1.AddressLength)),
                CString(new ReadOnlySpan<byte>(link.DstIpAddr, KnetLinkStatusV1.AddressLength))));
        }

        return new CfgNodeStatus(
            status.NodeId, status.Reachable != 0, status.Remote != 0, status.External != 0,
            status.OnwireMin, status.OnwireMax, status.OnwireVer, links);
    }

    /// <summary>The addresses corosync uses for <paramref name="nodeId"/>, link 0 first.</summary>
    public unsafe IReadOnlyList<CfgNodeAddress> GetNodeAddresses(uint nodeId)
    {
        var raw = stackalloc CfgNodeAddressNative[MaxAddresses];
        int count;
        using (var request = _connection.Begin())
        {
            Cs.Check(
                request.Complete(Native.corosync_cfg_get_node_addrs(request.Handle, nodeId, MaxAddresses, out count, raw)),
                "corosync_cfg_get_node_addrs");
        }

        var result = new List<CfgNodeAddress>(count);
        for (var i = 0; i < Math.Min(count, MaxAddresses); i++)
        {
            if (ParseSockaddr(new ReadOnlySpan<byte>(raw[i].Address, 28)) is { } address)
            {
                result.Add(address);
            }
        }

        return result;
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Decodes the sockaddr_in / sockaddr_in6 image libcfg returns (family is host order, port network order).</summary>
    internal static CfgNodeAddress? ParseSockaddr(ReadOnlySpan<byte> sockaddr)
    {
        var family = BinaryPrimitives.ReadUInt16LittleEndian(sockaddr);
        var port = BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]);
        return family switch
        {
            AfInet => new CfgNodeAddress(new IPAddress(sockaddr.Slice(4, 4)), port),
            AfInet6 => new CfgNodeAddress(new IPAddress(sockaddr.Slice(8, 16), BinaryPrimitives.ReadUInt32LittleEndian(sockaddr[24..])), port),
            _ => null,
        };
    }

    private static string CString(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    /// <summary>cfg is request-only here (no shutdown tracking), so it never starts a dispatch thread.</summary>
    private sealed class Connection(ILogger logger) : CorosyncConnection<SafeCfgHandle>("cfg", logger)
    {
        public Request Begin() => BeginRequest();

        protected override unsafe SafeCfgHandle Open()
        {
            var callbacks = default(CfgCallbacks);
            var result = Native.corosync_cfg_initialize(out var handle, &callbacks);
            if (result != CsError.Ok)
            {
                handle.Dispose();
                Cs.Check(result, "corosync_cfg_initialize");
            }

            return handle;
        }

        protected override CsError GetFd(SafeCfgHandle handle, out int fd)
        {
            fd = -1;
            return CsError.NotSupported;
        }

        protected override CsError Dispatch(SafeCfgHandle handle) => CsError.NotSupported;
    }
}
