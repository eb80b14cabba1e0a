using PveCluster.Core.Lifecycle;
using PveCluster.Corosync;
using PveCluster.Lifecycle;

namespace PveCluster.Cli.Lifecycle;

/// <summary>The frame of the lifecycle commands: expected failures become one stderr message and an exit code.</summary>
internal static class LifecycleCommandRunner
{
    public static async Task<int> RunAsync(CliEnvironment environment, Func<Task> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(body);
        string message;
        int exitCode = ExitCodes.Failure;
        try
        {
            await body().ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (CliException ex)
        {
            message = ex.Message;
            exitCode = ex.ExitCode;
        }
        catch (LifecycleException ex)
        {
            message = ex.Message;
            exitCode = ex.IsUsageError ? ExitCodes.Usage : ExitCodes.Failure;
        }
        catch (PlanRefusedException ex)
        {
            message = ex.Message;
        }
        catch (CorosyncException ex)
        {
            message = ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Typically /etc/pve is read-only because pmxcfs has no quorum, or a path is not writable.
            message = $"file operation failed: {ex.Message}";
        }

        await environment.Error.WriteLineAsync(message.AsMemory(), cancellationToken).ConfigureAwait(false);
        return exitCode;
    }
}
