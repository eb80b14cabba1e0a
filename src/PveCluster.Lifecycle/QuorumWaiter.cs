using PveCluster.Corosync;
using PveCluster.Lifecycle.Cluster;

namespace PveCluster.Lifecycle;

/// <summary>Polls corosync until this node's partition is quorate; corosync may still be starting, so connection errors are retried.</summary>
public static class QuorumWaiter
{
    /// <exception cref="LifecycleException">Not quorate within <paramref name="timeout"/>.</exception>
    public static async Task WaitAsync(
        Func<IClusterConnection> connect, TimeSpan timeout, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(time);
        var deadline = time.GetUtcNow() + timeout;
        string? lastProblem = null;
        while (true)
        {
            try
            {
                using var connection = connect();
                var status = await connection.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
                if (status.Quorum.IsQuorate)
                {
                    return;
                }

                lastProblem = $"{status.Quorum.TotalVotes} of {status.Quorum.Quorum} needed votes present";
            }
            catch (Exception ex) when (ex is LifecycleException or CorosyncException)
            {
                lastProblem = ex.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = "corosync did not answer";
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new LifecycleException(
                    $"no quorum after {timeout.TotalSeconds:0} s ({lastProblem}); check 'pvecm status' and the corosync log");
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Polls until <paramref name="path"/> exists (pmxcfs has synced the cluster's /etc/pve).</summary>
    public static async Task WaitForFileAsync(string path, TimeSpan timeout, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var deadline = time.GetUtcNow() + timeout;
        while (!File.Exists(path))
        {
            if (time.GetUtcNow() >= deadline)
            {
                throw new LifecycleException($"'{path}' did not appear within {timeout.TotalSeconds:0} s: is pmxcfs running and in sync?");
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
