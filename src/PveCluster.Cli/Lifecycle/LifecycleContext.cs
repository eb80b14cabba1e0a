using PveCluster.Cli.Cluster;
using PveCluster.Cli.Lifecycle.Join;
using PveCluster.Cli.Services;
using PveCluster.Core.Certificates;

namespace PveCluster.Cli.Lifecycle;

/// <summary>Everything the lifecycle commands touch outside the process; tests substitute each part.</summary>
internal sealed record LifecycleContext(
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

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Restart the API at the end of a join so it serves the new node certificate. Off when the API itself runs
    /// the join as a task (<c>PVECM_CALLED_BY_API=1</c>): restarting would end that task before it reports success.
    /// </summary>
    public bool RestartApiAfterJoin { get; init; } = true;

    /// <summary>RSA size of a new cluster CA; tests use a smaller one because 4096-bit keys take seconds.</summary>
    public int CaKeySize { get; init; } = CertificateValidity.CaKeySize;

    /// <summary>Set by the API for the pvecm it runs as a task.</summary>
    public const string CalledByApiVariable = "PVECM_CALLED_BY_API";

    public static LifecycleContext FromEnvironment(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var processes = ProcessRunner.Instance;
        var context = new LifecycleContext(
            ClusterPaths.FromEnvironment(Environment.GetEnvironmentVariable),
            new LocalHost(),
            ServiceControlFactory.Create(Environment.GetEnvironmentVariable, processes),
            processes,
            environment.ConnectCluster,
            new HttpsPeerConnector(),
            new ConsoleUserInput(),
            TimeProvider.System);
        context = context with { RestartApiAfterJoin = Environment.GetEnvironmentVariable(CalledByApiVariable) != "1" };
        return int.TryParse(Environment.GetEnvironmentVariable("PVE_QUORUM_TIMEOUT"), out var seconds) && seconds > 0
            ? context with { QuorumTimeout = TimeSpan.FromSeconds(seconds) }
            : context;
    }

    /// <summary>Reads this host's cluster state the way the plans expect it.</summary>
    public async Task<Core.Lifecycle.LocalClusterState> ReadLocalStateAsync(CancellationToken cancellationToken) => new(
        File.Exists(Paths.ClusterConf),
        File.Exists(Paths.LocalCorosyncConf),
        File.Exists(Paths.AuthKey),
        await Services.IsActiveAsync(ClusterService.Corosync, cancellationToken).ConfigureAwait(false));
}
