using PveCluster.Core.CorosyncConf;

namespace PveCluster.Lifecycle;

/// <summary>Reads /etc/pve/corosync.conf for the commands that change an existing cluster.</summary>
public static class ClusterConfFile
{
    /// <exception cref="LifecycleException">The node is not in a cluster, or the file does not parse (with its line).</exception>
    public static CorosyncConfig Read(ClusterPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!File.Exists(paths.ClusterConf))
        {
            throw LifecycleException.NotInCluster(paths.ClusterConf);
        }

        try
        {
            return CorosyncConfig.Parse(File.ReadAllText(paths.ClusterConf));
        }
        catch (ConfParseException ex)
        {
            throw new LifecycleException($"cannot parse {paths.ClusterConf}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the cluster's copy; pmxcfs replicates it and every node installs it and reloads corosync.</summary>
    public static void Write(ClusterPaths paths, string content)
    {
        ArgumentNullException.ThrowIfNull(paths);
        AtomicFile.Write(paths.ClusterConf, content, AtomicFile.Public);
    }
}
