using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Hosting;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Tree;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Tests.Hosting;

/// <summary>Cluster or local mode, decided like Proxmox's pmxcfs from the database and the node's corosync.conf.</summary>
public sealed class StartupModeTests : IDisposable
{
    private const string ConfText = "totem {\n  cluster_name: c1\n  config_version: 3\n}\n";
    private readonly string _root = Directory.CreateTempSubdirectory("pmxcfs-mode-").FullName;

    private CfsOptions Requested => new()
    {
        Foreground = true,
        MountPoint = Path.Combine(_root, "pve"),
        DatabasePath = Path.Combine(_root, "lib", "config.db"),
        NodeName = "n1",
        LocalCorosyncConf = Path.Combine(_root, "corosync", "corosync.conf"),
    };

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteHostConf()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Requested.LocalCorosyncConf)!);
        File.WriteAllText(Requested.LocalCorosyncConf, ConfText);
    }

    private string? DatabaseCorosyncConf()
    {
        using var database = ConfigDatabase.Open(Requested.DatabasePath, TreeLimits.Proxmox, NullLogger.Instance);
        return database.ReadFile(ClusterConfigurationSource.CorosyncConfPath) is { } content ? Encoding.UTF8.GetString(content.Span) : null;
    }

    [Fact]
    public async Task A_node_without_any_corosync_conf_falls_back_to_local_mode_and_says_why()
    {
        var options = await StartupMode.ResolveAsync(Requested, NullLogger.Instance, CancellationToken.None);

        Assert.True(options.LocalMode);
        Assert.Contains("no corosync.conf", options.LocalModeReason, StringComparison.Ordinal);
        Assert.Contains("not part of a cluster", options.LocalModeReason, StringComparison.Ordinal);
        Assert.False(options.ImportedCorosyncConf);
        Assert.Null(DatabaseCorosyncConf());
    }

    [Fact]
    public async Task A_new_database_imports_the_node_corosync_conf_and_runs_the_cluster()
    {
        WriteHostConf();

        var options = await StartupMode.ResolveAsync(Requested, NullLogger.Instance, CancellationToken.None);

        Assert.False(options.LocalMode);
        Assert.Null(options.LocalModeReason);
        Assert.True(options.ImportedCorosyncConf);
        Assert.Equal(ConfText, DatabaseCorosyncConf());
    }

    [Fact]
    public async Task An_existing_database_without_corosync_conf_stays_local_even_with_a_node_file()
    {
        // As Proxmox: only a database created by this start imports; an existing one is the truth.
        Assert.True((await StartupMode.ResolveAsync(Requested, NullLogger.Instance, CancellationToken.None)).LocalMode);
        WriteHostConf();

        var options = await StartupMode.ResolveAsync(Requested, NullLogger.Instance, CancellationToken.None);

        Assert.True(options.LocalMode);
        Assert.Null(DatabaseCorosyncConf());
    }

    [Fact]
    public async Task A_database_with_corosync_conf_runs_the_cluster_without_importing()
    {
        WriteHostConf();
        await StartupMode.ResolveAsync(Requested, NullLogger.Instance, CancellationToken.None);
        File.Delete(Requested.LocalCorosyncConf);

        var options = await StartupMode.ResolveAsync(Requested, NullLogger.Instance, CancellationToken.None);

        Assert.False(options.LocalMode);
        Assert.False(options.ImportedCorosyncConf);
    }

    [Fact]
    public async Task Local_is_forced_by_the_option_and_the_database_is_left_alone()
    {
        WriteHostConf();

        var options = await StartupMode.ResolveAsync(Requested with { LocalMode = true }, NullLogger.Instance, CancellationToken.None);

        Assert.True(options.LocalMode);
        Assert.Equal("forced by --local", options.LocalModeReason);
        Assert.False(File.Exists(Requested.DatabasePath));
    }
}
