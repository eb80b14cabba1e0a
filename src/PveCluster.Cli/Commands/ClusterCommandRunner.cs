using PveCluster.Corosync;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Cluster;

namespace PveCluster.Cli.Commands;

/// <summary>The shared frame of every command that talks to corosync: config check, connection, error mapping.</summary>
internal static class ClusterCommandRunner
{
    public static async Task<int> RunAsync(
        CliEnvironment environment, Func<IClusterConnection, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            if (!File.Exists(environment.CorosyncConfPath))
            {
                throw CliException.NotInCluster(environment.CorosyncConfPath);
            }

            using var connection = environment.ConnectCluster();
            return await body(connection).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await environment.Error.WriteLineAsync(ex.Message.AsMemory(), cancellationToken).ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (LifecycleException ex)
        {
            // corosync is not running (connecting happens in the lifecycle library's connection).
            await environment.Error.WriteLineAsync(ex.Message.AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (CorosyncException ex) when (ex.IsConnectionFailure)
        {
            // The daemon went away after we connected (restart, shutdown).
            await environment.Error.WriteLineAsync(
                $"lost the connection to corosync ({ex.Operation}): is corosync restarting?".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (CorosyncException ex)
        {
            await environment.Error.WriteLineAsync(ex.Message.AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await environment.Error.WriteLineAsync(
                "timed out waiting for corosync's quorum information".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
