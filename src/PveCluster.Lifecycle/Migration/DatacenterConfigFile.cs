using PveCluster.Core.DatacenterCfg;
using PveCluster.Lifecycle.Locking;

namespace PveCluster.Lifecycle.Migration;

/// <summary>/etc/pve/datacenter.cfg: read as it is, edited under its own cluster lock (Proxmox's cfs_lock_file name).</summary>
public static class DatacenterConfigFile
{
    public const string LockName = "file-datacenter_cfg";

    public static string PathOf(ClusterPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.EtcPve, "datacenter.cfg");
    }

    /// <summary>The file's settings; an absent file is an empty configuration.</summary>
    /// <exception cref="LifecycleException">The file does not parse (with its line).</exception>
    public static DatacenterConfig Read(ClusterPaths paths)
    {
        var path = PathOf(paths);
        if (!File.Exists(path))
        {
            return DatacenterConfig.CreateEmpty();
        }

        try
        {
            return DatacenterConfig.Parse(File.ReadAllText(path));
        }
        catch (DatacenterConfigException ex)
        {
            throw new LifecycleException($"cannot parse {path}: {ex.Message}", ex);
        }
    }

    /// <summary>The cluster-wide migration setting; null when not set.</summary>
    /// <exception cref="LifecycleException">The file or the setting is malformed.</exception>
    public static MigrationSettings? ReadMigration(ClusterPaths paths)
    {
        try
        {
            return Read(paths).GetMigration();
        }
        catch (DatacenterConfigException ex)
        {
            throw new LifecycleException($"{PathOf(paths)}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads, edits and writes the file under its cluster lock, so two nodes' edits never overwrite each other.</summary>
    public static async Task UpdateAsync(LifecycleContext context, Action<DatacenterConfig> edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(edit);
        using var held = await ClusterLock.AcquireAsync(
            new ClusterLockRequest(
                context.Paths.LockDirectory, LockName, "datacenter.cfg", context.Host.NodeName, context.LockTimeout, context.PollInterval,
                context.Time, _ => { }),
            cancellationToken).ConfigureAwait(false);
        var config = Read(context.Paths);
        edit(config);
        held.EnsureHeld();
        AtomicFile.Write(PathOf(context.Paths), config.Write(), AtomicFile.Public);
    }
}
