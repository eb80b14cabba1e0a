using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Hosting;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Tests.Fuse;

namespace PveCluster.Cfs.Tests.Hosting;

public sealed class CorosyncConfSynchronizerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pmxcfs-corosync-").FullName;
    private readonly GatedConfigTree _tree = new();
    private readonly RecordingReloader _reloader = new();
    private readonly ClusterLog _log = new("n1", TimeProvider.System);
    private readonly CorosyncConfSynchronizer _synchronizer;

    public CorosyncConfSynchronizerTests()
    {
        _synchronizer = new CorosyncConfSynchronizer(
            _tree, _reloader, _log, LocalPath, NullLogger<CorosyncConfSynchronizer>.Instance);
    }

    private string LocalPath => Path.Combine(_directory, "corosync", "corosync.conf");

    public void Dispose()
    {
        _tree.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Nothing_happens_without_a_cluster_config()
    {
        Assert.Equal(CorosyncConfSyncResult.NoClusterConfig, await _synchronizer.SyncAsync(CancellationToken.None));
        Assert.False(File.Exists(LocalPath));
        Assert.Equal(0, _reloader.Calls);
    }

    [Fact]
    public async Task A_newer_cluster_copy_is_installed_and_corosync_reloaded()
    {
        WriteLocal(Conf(3));
        _tree.Seed("/corosync.conf", Conf(4));

        Assert.Equal(CorosyncConfSyncResult.Installed, await _synchronizer.SyncAsync(CancellationToken.None));

        Assert.Equal(Conf(4), File.ReadAllText(LocalPath));
        Assert.Equal(1, _reloader.Calls);
        Assert.Contains("version = 4", _log.Recent(1)[0].Message, StringComparison.Ordinal);
        Assert.Equal(["corosync.conf"], Directory.GetFileSystemEntries(Path.GetDirectoryName(LocalPath)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_missing_local_file_is_created()
    {
        _tree.Seed("/corosync.conf", Conf(1));

        Assert.Equal(CorosyncConfSyncResult.Installed, await _synchronizer.SyncAsync(CancellationToken.None));

        Assert.Equal(Conf(1), File.ReadAllText(LocalPath));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task An_equal_or_older_cluster_copy_leaves_the_local_file_alone(int localVersion)
    {
        WriteLocal(Conf(localVersion));
        _tree.Seed("/corosync.conf", Conf(4));

        Assert.Equal(CorosyncConfSyncResult.UpToDate, await _synchronizer.SyncAsync(CancellationToken.None));

        Assert.Equal(Conf(localVersion), File.ReadAllText(LocalPath));
        Assert.Equal(0, _reloader.Calls);
    }

    [Fact]
    public async Task An_invalid_cluster_copy_is_never_installed_and_is_reported_once()
    {
        WriteLocal(Conf(3));
        _tree.Seed("/corosync.conf", Conf(4).Replace("    nodeid: 2\n", "", StringComparison.Ordinal));

        Assert.Equal(CorosyncConfSyncResult.Rejected, await _synchronizer.SyncAsync(CancellationToken.None));
        Assert.Equal(CorosyncConfSyncResult.Rejected, await _synchronizer.SyncAsync(CancellationToken.None));

        Assert.Equal(Conf(3), File.ReadAllText(LocalPath));
        Assert.Equal(0, _reloader.Calls);
        var entries = _log.Recent(10);
        Assert.Single(entries);
        Assert.Equal(ClusterLog.Error, entries[0].Priority);
        Assert.Contains("not installing", entries[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_error_is_reported_with_its_line()
    {
        _tree.Seed("/corosync.conf", "totem {\n  cluster_name: lab\n  config_version 5\n}\n");

        Assert.Equal(CorosyncConfSyncResult.Rejected, await _synchronizer.SyncAsync(CancellationToken.None));

        Assert.False(File.Exists(LocalPath));
        Assert.Contains("line 3", _log.Recent(1)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_reload_still_installs_the_file()
    {
        _reloader.Failure = new IOException("corosync is not running");
        _tree.Seed("/corosync.conf", Conf(2));

        Assert.Equal(CorosyncConfSyncResult.InstalledNotReloaded, await _synchronizer.SyncAsync(CancellationToken.None));

        Assert.Equal(Conf(2), File.ReadAllText(LocalPath));
        Assert.Equal(ClusterLog.Warning, _log.Recent(1)[0].Priority);
    }

    internal static string Conf(int version) => $$"""
        logging {
          debug: off
          to_syslog: yes
        }

        nodelist {
          node {
            name: n1
            nodeid: 1
            quorum_votes: 1
            ring0_addr: 10.0.0.1
          }
          node {
            name: n2
            nodeid: 2
            quorum_votes: 1
            ring0_addr: 10.0.0.2
          }
          node {
            name: n3
            nodeid: 3
            quorum_votes: 1
            ring0_addr: 10.0.0.3
          }
        }

        quorum {
          provider: corosync_votequorum
        }

        totem {
          cluster_name: lab
          config_version: {{version}}
          interface {
            linknumber: 0
          }
          ip_version: ipv4-6
          link_mode: passive
          secauth: on
          version: 2
        }

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    private void WriteLocal(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LocalPath)!);
        File.WriteAllText(LocalPath, content);
    }

    private sealed class RecordingReloader : ICorosyncReloader
    {
        public int Calls { get; private set; }

        public Exception? Failure { get; set; }

        public Task ReloadAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
        }
    }
}
