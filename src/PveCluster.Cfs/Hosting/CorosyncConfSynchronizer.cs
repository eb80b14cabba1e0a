using System.Text;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Tree;
using PveCluster.Cfs.Views;
using PveCluster.Core.CorosyncConf;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Installs the cluster's corosync.conf (/corosync.conf in the tree) as the node-local file when
/// its totem.config_version is higher: validate, write a temp file next to the target, fsync,
/// rename over it, then ask corosync to reload. A bad file is never installed; the reason goes to
/// the log and the cluster log.
/// </summary>
internal sealed class CorosyncConfSynchronizer(
    IConfigTree tree,
    ICorosyncReloader reloader,
    ClusterLog clusterLog,
    string localPath,
    ILogger<CorosyncConfSynchronizer> logger)
{
    private const string TreePath = ClusterConfigurationSource.CorosyncConfPath;

    private ulong? _rejectedVersion;

    public async Task<CorosyncConfSyncResult> SyncAsync(CancellationToken cancellationToken)
    {
        var entry = tree.GetEntry(TreePath);
        if (entry is null || tree.ReadFile(TreePath) is not { } content)
            return CorosyncConfSyncResult.NoClusterConfig;
        if (entry.Version == _rejectedVersion)
            return CorosyncConfSyncResult.Rejected;

        var text = Encoding.UTF8.GetString(content.Span);
        if (Check(text) is not { } clusterVersion)
        {
            _rejectedVersion = entry.Version;
            return CorosyncConfSyncResult.Rejected;
        }

        var localVersion = LocalConfigVersion();
        if (localVersion is { } local && local >= clusterVersion)
            return CorosyncConfSyncResult.UpToDate;

        await WriteAtomicallyAsync(text, cancellationToken).ConfigureAwait(false);
        var message = $"wrote new corosync config '{localPath}' (version = {clusterVersion})";
        logger.LogInformation("{Message}", message);
        clusterLog.Add(ClusterLog.Info, "pmxcfs", "root@pam", message);

        try
        {
            await reloader.ReloadAsync(cancellationToken).ConfigureAwait(false);
            return CorosyncConfSyncResult.Installed;
        }
#pragma warning disable CA1031 // any reload failure leaves a valid file that corosync reads on its next start
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "corosync config reload failed; the new file takes effect when corosync restarts");
            clusterLog.Add(ClusterLog.Warning, "pmxcfs", "root@pam", $"corosync config reload failed: {e.Message}");
            return CorosyncConfSyncResult.InstalledNotReloaded;
        }
    }

    /// <summary>The config_version of a valid cluster file, or null after logging why it is not valid.</summary>
    private ulong? Check(string text)
    {
        List<string> problems;
        ulong? version = null;
        try
        {
            var config = CorosyncConfig.Parse(text);
            problems = [.. CorosyncConfValidator.Validate(config).Where(d => d.Severity == ConfSeverity.Error).Select(d => d.ToString())];
            version = config.Totem?.ConfigVersion;
            if (version is null && problems.Count == 0)
                problems.Add("totem.config_version is missing");
        }
        catch (FormatException e)
        {
            problems = [e.Message];
        }

        if (problems.Count == 0)
            return version;
        var message = $"not installing the cluster corosync.conf: {string.Join("; ", problems)}";
        logger.LogError("{Message}", message);
        clusterLog.Add(ClusterLog.Error, "pmxcfs", "root@pam", message);
        return null;
    }

    /// <summary>The local file's config_version; null when it is missing or unreadable (then any valid cluster copy wins).</summary>
    private ulong? LocalConfigVersion()
    {
        if (!File.Exists(localPath))
            return null;
        try
        {
            return CorosyncConfig.Parse(File.ReadAllText(localPath)).Totem?.ConfigVersion;
        }
        catch (FormatException e)
        {
            logger.LogWarning("the local {Path} is unreadable ({Reason}); replacing it with the cluster copy", localPath, e.Message);
            return null;
        }
    }

    private async Task WriteAtomicallyAsync(string text, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(localPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(localPath)}.tmp.{Environment.ProcessId}");
        try
        {
            var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            // corosync.conf is world-readable (0644) like the file corosync installs.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.Move(temp, localPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
