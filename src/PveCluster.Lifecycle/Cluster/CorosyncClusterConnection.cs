using PveCluster.Core.Quorum;
using PveCluster.Corosync;
using PveCluster.Corosync.Cfg;
using PveCluster.Corosync.Cmap;
using PveCluster.Corosync.Quorum;
using PveCluster.Corosync.Votequorum;

namespace PveCluster.Lifecycle.Cluster;

/// <summary>
/// Reads the same facts corosync-quorumtool -s reads (quorum view, votequorum info per member,
/// nodelist names, link-0 addresses) through our own interop clients.
/// </summary>
public sealed class CorosyncClusterConnection : IClusterConnection
{
    private static readonly TimeSpan FirstViewTimeout = TimeSpan.FromSeconds(10);

    private readonly CmapClient _cmap;
    private readonly CfgClient _cfg;
    private readonly VotequorumClient _votequorum;

    private CorosyncClusterConnection(CmapClient cmap, CfgClient cfg, VotequorumClient votequorum)
    {
        _cmap = cmap;
        _cfg = cfg;
        _votequorum = votequorum;
    }

    /// <summary>Connects CMAP first, so "not running" is reported against the service quorumtool also tries first.</summary>
    public static CorosyncClusterConnection Open()
    {
        var cmap = Connect("CMAP", () => CmapClient.Connect());
        CfgClient? cfg = null;
        try
        {
            cfg = Connect("CFG", () => CfgClient.Connect());
            var votequorum = Connect("VOTEQUORUM", () => VotequorumClient.Connect());
            return new CorosyncClusterConnection(cmap, cfg, votequorum);
        }
        catch
        {
            cfg?.Dispose();
            cmap.Dispose();
            throw;
        }
    }

    public async Task<ClusterStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FirstViewTimeout);
        var monitor = await Connect("QUORUM", () => QuorumMonitor.StartAsync(cancellationToken: timeout.Token)).ConfigureAwait(false);
        await using (monitor.ConfigureAwait(false))
        {
            var view = monitor.Current ?? throw new LifecycleException("corosync closed the quorum connection while pvecm was reading it");
            var localNodeId = _cfg.GetLocalNodeId();
            var local = _votequorum.GetInfo(localNodeId);
            var nodelist = _cmap.ReadNodelist();
            var members = view.Members.Select(id => ReadMember(id, nodelist)).ToList();
            var qdevice = ReadQdevice(view.Members);

            var snapshot = new QuorumStatusSnapshot(
                DateTimeOffset.Now,
                _cmap.GetString("quorum.provider") ?? "Not configured",
                localNodeId,
                view.RingId,
                view.IsQuorate,
                (int)local.ExpectedVotes,
                (int)local.HighestExpected,
                (int)local.TotalVotes,
                (int)local.Quorum,
                local.Flags,
                qdevice,
                members);
            return new ClusterStatus(ReadClusterInfo(), snapshot);
        }
    }

    public Task SetExpectedVotesAsync(int expectedVotes, CancellationToken cancellationToken) =>
        _votequorum.SetExpectedVotesAsync(checked((uint)expectedVotes), cancellationToken);

    public void Dispose()
    {
        _votequorum.Dispose();
        _cfg.Dispose();
        _cmap.Dispose();
    }

    /// <summary>Same defaults as pvecm's header when a totem key is missing.</summary>
    private ClusterInfo ReadClusterInfo()
    {
        var totem = _cmap.ReadTotem();
        return new ClusterInfo(
            totem.ClusterName ?? "UNKNOWN",
            totem.ConfigVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-1",
            totem.Transport ?? "knet",
            totem.SecAuth ?? "off");
    }

    private MemberStatus ReadMember(uint nodeId, IReadOnlyList<CmapNodelistNode> nodelist)
    {
        var info = TryGetInfo(nodeId);
        var configured = nodelist.FirstOrDefault(n => n.NodeId == nodeId);
        var ring0 = configured is { RingAddresses.Count: > 0 } ? configured.RingAddresses[0] : null;
        var addresses = _cfg.GetNodeAddresses(nodeId);
        var address = addresses.Count > 0 ? addresses[0].Address.ToString() : ring0 ?? string.Empty;
        return new MemberStatus(
            nodeId, (int)(info?.NodeVotes ?? 0), configured?.Name ?? ring0, address,
            info?.Flags ?? VotequorumFlags.None);
    }

    /// <summary>quorumtool reads the device from the first member's info; any member's view is the same.</summary>
    private QdeviceStatus? ReadQdevice(IReadOnlyList<uint> members)
    {
        foreach (var nodeId in members)
        {
            if (TryGetInfo(nodeId) is { HasQdevice: true } info)
            {
                return new QdeviceStatus(info.QdeviceName, (int)info.QdeviceVotes);
            }
        }

        return null;
    }

    private VotequorumInfo? TryGetInfo(uint nodeId)
    {
        try
        {
            return _votequorum.GetInfo(nodeId);
        }
        catch (CorosyncException ex) when (ex.Error == CsError.NotExist)
        {
            return null;
        }
    }

    private static T Connect<T>(string service, Func<T> connect)
    {
        try
        {
            return connect();
        }
        catch (CorosyncException ex) when (ex.IsConnectionFailure)
        {
            throw LifecycleException.CorosyncNotRunning(service, ex);
        }
    }
}
