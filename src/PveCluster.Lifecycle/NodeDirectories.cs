namespace PveCluster.Lifecycle;

/// <summary>The per-node folders in /etc/pve/nodes/&lt;node&gt; that Proxmox tools expect to exist.</summary>
public static class NodeDirectories
{
    private static readonly string[] Subfolders = ["lxc", "qemu-server", "openvz", "priv"];

    public static void Ensure(ClusterPaths paths, string node)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var folder in Subfolders)
        {
            Directory.CreateDirectory(Path.Combine(paths.NodeDirectory(node), folder));
        }
    }
}
