using PveCluster.Core.Certificates;
using PveCluster.Lifecycle.Cluster;
using PveCluster.Lifecycle.Join;
using PveCluster.Lifecycle.Locking;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle;

/// <summary>Everything the lifecycle executors touch outside the process; tests substitute each part.</summary>
public sealed record LifecycleContext(
    ClusterPaths Paths,
    ILocalHost Host,
    IServiceControl Services,
    IProcessRunner Processes,
    Func<IClusterConnection> ConnectCluster,
    IPeerConnector Peers,
    IUserInput Input,
    TimeProvider Time)
{
    /// <summary>How long to wait for quorum after (re)starting corosync; PVE_QUORUM_TIMEOUT (seconds) overrides.</summary>
    public TimeSpan QuorumTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a cluster lock attempt is repeated: each attempt is a write that pmxcfs sends to every member.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a wait re-reads this node's own state (quorum from corosync's local IPC, a file in /etc/pve) until the
    /// deadline: local reads are cheap, and a coarse interval only makes create and join sit idle after the state is there.
    /// </summary>
    public TimeSpan StatePollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a cluster-config edit waits for the cluster lock (Proxmox's cfs_lock default).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The API services restarted (together) at the end of a join, so that they serve the new node certificate and
    /// ticket keys. When pvedaemon itself runs the join as a task only pveproxy is restarted: restarting pvedaemon
    /// would end that task before it reports success.
    /// </summary>
    public IReadOnlyList<ClusterService> ApiRestartAfterJoin { get; init; } =
        [ClusterService.ApiDaemon, ClusterService.ApiProxy];

    /// <summary>Resolves host names entered as link addresses (only the IP is stored).</summary>
    public Network.IHostNameResolver Resolver { get; init; } = Network.DnsHostNameResolver.Instance;

    /// <summary>RSA size of a new cluster CA; tests use a smaller one because 4096-bit keys take seconds.</summary>
    public int CaKeySize { get; init; } = CertificateValidity.CaKeySize;

    /// <summary>
    /// The real host, configured from the environment (see README.md); <paramref name="input"/> is the terminal
    /// for pvecm and nobody (<see cref="NoUserInput"/>) for the API.
    /// </summary>
    public static LifecycleContext FromEnvironment(ILocalHost host, Func<IClusterConnection> connectCluster, IUserInput input)
    {
        var processes = ProcessRunner.Instance;
        var context = new LifecycleContext(
            ClusterPaths.FromEnvironment(Environment.GetEnvironmentVariable),
            host,
            ServiceControlFactory.Create(Environment.GetEnvironmentVariable, processes),
            processes,
            connectCluster,
            new HttpsPeerConnector(),
            input,
            TimeProvider.System);
        return int.TryParse(Environment.GetEnvironmentVariable("PVE_QUORUM_TIMEOUT"), out var seconds) && seconds > 0
            ? context with { QuorumTimeout = TimeSpan.FromSeconds(seconds) }
            : context;
    }

    /// <summary>The lock every edit of /etc/pve/corosync.conf holds, so two members never overwrite each other's change.</summary>
    public Task<ClusterLock> LockClusterConfAsync(Action<string> progress, CancellationToken cancellationToken) =>
        ClusterLock.AcquireAsync(
            new ClusterLockRequest(
                Paths.LockDirectory, ClusterLock.CorosyncConf, "cluster config", Host.NodeName, LockTimeout, PollInterval, Time, progress),
            cancellationToken);

    /// <summary>Reads this host's cluster state the way the plans expect it.</summary>
    public async Task<Core.Lifecycle.LocalClusterState> ReadLocalStateAsync(CancellationToken cancellationToken) => new(
        File.Exists(Paths.ClusterConf),
        File.Exists(Paths.LocalCorosyncConf),
        File.Exists(Paths.AuthKey),
        await Services.IsActiveAsync(ClusterService.Corosync, cancellationToken).ConfigureAwait(false));
}
