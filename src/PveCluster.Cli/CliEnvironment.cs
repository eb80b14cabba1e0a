using PveCluster.Lifecycle.Cluster;

namespace PveCluster.Cli;

/// <summary>Everything a command touches outside the process, so tests can substitute it.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="ConnectCluster">Opens the corosync connection (throws <see cref="PveCluster.Lifecycle.LifecycleException"/> when corosync is down).</param>
/// <param name="CorosyncConfPath">Where a cluster node keeps its corosync.conf.</param>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, Func<IClusterConnection> ConnectCluster, string CorosyncConfPath)
{
    public const string DefaultCorosyncConfPath = "/etc/corosync/corosync.conf";

    public static CliEnvironment Console() =>
        new(System.Console.Out, System.Console.Error, CorosyncClusterConnection.Open, DefaultCorosyncConfPath);
}
