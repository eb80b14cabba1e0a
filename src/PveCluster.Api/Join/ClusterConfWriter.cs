using PveCluster.Api.PveFiles;

namespace PveCluster.Api.Join;

/// <summary>
/// Writes /etc/pve/corosync.conf as <c>corosync.conf.new</c> + rename: pmxcfs replicates the rename as one
/// operation, and every member's sync service then installs the file and reloads corosync.
/// </summary>
public static class ClusterConfWriter
{
    private static readonly string[] NodeSubfolders = ["lxc", "qemu-server", "openvz", "priv"];

    public static void Write(PveDirectory pveDir, string content)
    {
        ArgumentNullException.ThrowIfNull(pveDir);
        var temporary = pveDir.CorosyncConf + ".new";
        File.WriteAllText(temporary, content);
        File.Move(temporary, pveDir.CorosyncConf, overwrite: true);
    }

    public static void EnsureNodeDirectories(PveDirectory pveDir, string node)
    {
        ArgumentNullException.ThrowIfNull(pveDir);
        foreach (var folder in NodeSubfolders)
        {
            Directory.CreateDirectory(Path.Combine(pveDir.NodeDirectory(node), folder));
        }
    }
}
