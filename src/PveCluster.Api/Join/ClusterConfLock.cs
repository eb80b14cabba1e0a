namespace PveCluster.Api.Join;

/// <summary>
/// Serialises read-modify-write of /etc/pve/corosync.conf within this server. Proxmox additionally holds
/// a cluster-wide pmxcfs lock; two members editing at the same moment are not prevented here.
/// </summary>
public static class ClusterConfLock
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        if (!await Gate.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            throw new Envelope.ApiException(StatusCodes.Status503ServiceUnavailable,
                "another change of corosync.conf is in progress; try again");
        }

        return new Releaser();
    }

    private sealed class Releaser : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Gate.Release();
            }
        }
    }
}
