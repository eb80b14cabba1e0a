using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Tree;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Decides between cluster and local mode before the daemon is composed, as Proxmox's pmxcfs does: a database
/// created by this start first imports the node's /etc/corosync/corosync.conf (so a node that just joined starts
/// in cluster mode); then pmxcfs serves the cluster when the database holds /corosync.conf, and falls back to
/// local mode when it does not (a node that is not part of a cluster). <c>-l</c> forces local mode.
/// </summary>
internal static class StartupMode
{
    /// <summary>The options to run with: <paramref name="requested"/>, switched to local mode (with the reason) when needed.</summary>
    public static async Task<CfsOptions> ResolveAsync(CfsOptions requested, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (requested.LocalMode)
            return requested with { LocalModeReason = "forced by --local" };

        var isNew = !File.Exists(requested.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(requested.DatabasePath)!);
        using var database = ConfigDatabase.Open(requested.DatabasePath, TreeLimits.Proxmox, logger);
        var imported = isNew && await ImportHostConfigAsync(database, requested.LocalCorosyncConf, cancellationToken).ConfigureAwait(false);
        if (database.ReadFile(ClusterConfigurationSource.CorosyncConfPath) is not null)
            return requested with { ImportedCorosyncConf = imported };

        return requested with
        {
            LocalMode = true,
            LocalModeReason = $"the database has no corosync.conf{(isNew ? $" and there is no {requested.LocalCorosyncConf} to import" : "")}: this node is not part of a cluster",
        };
    }

    /// <summary>Copies the node's corosync.conf into a new database as /corosync.conf; false when the node has none.</summary>
    private static async Task<bool> ImportHostConfigAsync(ConfigDatabase database, string hostConf, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(hostConf, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var tree = new LocalConfigTree(database);
        var path = ClusterConfigurationSource.CorosyncConfPath;
        Check(await tree.CreateFileAsync(path, now, cancellationToken).ConfigureAwait(false), hostConf);
        Check(await tree.WriteAsync(path, 0, content, now, cancellationToken).ConfigureAwait(false), hostConf);
        return true;
    }

    private static void Check(CfsError error, string hostConf)
    {
        if (error != CfsError.None)
            throw new IOException($"cannot import {hostConf} into the new database: {error}");
    }
}
