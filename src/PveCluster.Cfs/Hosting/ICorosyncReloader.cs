namespace PveCluster.Cfs.Hosting;

/// <summary>Asks the running corosync to re-read its local corosync.conf.</summary>
internal interface ICorosyncReloader
{
    Task ReloadAsync(CancellationToken cancellationToken);
}
