using System.Runtime.Versioning;
using System.Text.Json;
using PveCluster.Cfs.Fuse;
using PveCluster.Cfs.Hosting;
using PveCluster.Cfs.Tests.Fuse;

namespace PveCluster.Cfs.Tests.Hosting;

/// <summary>The composed daemon in local mode: real SQLite database, real mount, clean stop, data kept across restarts.</summary>
[SupportedOSPlatform("linux")]
public sealed class LocalModeDaemonTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pmxcfs-daemon-").FullName;

    private CfsOptions Options => new()
    {
        Foreground = true,
        LocalMode = true,
        MountPoint = Path.Combine(_root, "pve"),
        DatabasePath = Path.Combine(_root, "db", "config.db"),
        NodeName = "n1",
        LocalCorosyncConf = Path.Combine(_root, "corosync", "corosync.conf"),
    };

    public void Dispose()
    {
        if (MountInfoFile.Find(Options.MountPoint) is null)
            Directory.Delete(_root, recursive: true);
    }

    [FuseFact]
    public async Task Serves_the_database_creates_the_base_tree_and_keeps_data_across_restarts()
    {
        var mount = Options.MountPoint;
        using (var host = CfsHost.Build(Options))
        {
            await host.StartAsync();
            // The base tree is created entry by entry after start: wait for the last one we check.
            await Eventually.HoldsAsync(() => Directory.Exists(Path.Combine(mount, "nodes", "n1", "qemu-server")), "nodes/n1/qemu-server in the mount");
            await Eventually.HoldsAsync(() => Directory.Exists(Path.Combine(mount, "priv")), "priv in the mount");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(mount, "priv")));

            await File.WriteAllTextAsync(Path.Combine(mount, "qemu-server", "100.conf"), "memory: 2048\n");
            using var members = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(mount, ".members")));
            Assert.Equal("n1", members.RootElement.GetProperty("nodename").GetString());
            Assert.Contains("starting in local mode", await File.ReadAllTextAsync(Path.Combine(mount, ".clusterlog")), StringComparison.Ordinal);

            await host.StopAsync();
        }

        Assert.Null(MountInfoFile.Find(mount));

        using (var host = CfsHost.Build(Options))
        {
            await host.StartAsync();
            Assert.Equal("memory: 2048\n", await File.ReadAllTextAsync(Path.Combine(mount, "nodes", "n1", "qemu-server", "100.conf")));
            await host.StopAsync();
        }

        Assert.Null(MountInfoFile.Find(mount));
    }
}
