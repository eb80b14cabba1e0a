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

    /// <summary>
    /// Runs <paramref name="write"/> until pmxcfs admits it. Right after a join, corosync can be quorate and the cluster's
    /// files already synced while this node's pmxcfs still refuses writes (EACCES) for a moment: it admits them once its
    /// own membership is quorate, which it decides after the sync. Other errors are not retried.
    /// </summary>
    /// <exception cref="LifecycleException">Still refused after <paramref name="timeout"/>.</exception>
    public static async Task WriteWhenAdmittedAsync(
        string path, Action write, TimeSpan timeout, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(time);
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            try
            {
                write();
                return;
            }
            catch (UnauthorizedAccessException ex)
            {
                if (time.GetUtcNow() >= deadline)
                {
                    throw new LifecycleException(
                        $"'{path}' still refuses writes after {timeout.TotalSeconds:0} s ({ex.Message}); check 'pvecm status' and 'journalctl -u pve-cluster'", ex);
                }
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
