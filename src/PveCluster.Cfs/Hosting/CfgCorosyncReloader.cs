using Microsoft.Extensions.Logging;
using PveCluster.Corosync.Cfg;

namespace PveCluster.Cfs.Hosting;

/// <summary>Reloads through libcfg (what <c>corosync-cfgtool -R</c> does); connects per reload because reloads are rare.</summary>
internal sealed class CfgCorosyncReloader(ILogger<CfgCorosyncReloader> logger) : ICorosyncReloader
{
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        using var cfg = CfgClient.Connect(logger);
        await cfg.ReloadConfigAsync(cancellationToken).ConfigureAwait(false);
    }
}
