using PveCluster.Core.CorosyncConf;
using PveCluster.Lifecycle.Locking;
using PveCluster.Lifecycle.Services;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Cli.Tests.Lifecycle;

public sealed class DelNodeCommandTests : IDisposable
{
    private readonly TestNode _node = new();

    public DelNodeCommandTests() => File.WriteAllText(_node.Paths.ClusterConf, ClusterConfs.ThreeNodes);

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Delnode_removes_the_node_bumps_the_version_and_keeps_its_folder()
    {
        Directory.CreateDirectory(_node.Paths.NodeDirectory("pve3"));
        _node.Corosync = FakeCluster.Members(true, 1, 2);

        Assert.Equal(0, _node.Run("delnode", "pve3"));

        var conf = CorosyncConfig.Parse(File.ReadAllText(_node.Paths.ClusterConf));
        Assert.Equal(["pve1", "pve2"], conf.Nodes.Select(n => n.Name));
        Assert.Equal(4UL, conf.Totem!.ConfigVersion);
        Assert.Contains("corosync-cfgtool -k 3", _node.Processes.Calls);
        Assert.True(Directory.Exists(_node.Paths.NodeDirectory("pve3")));
        var output = _node.Out.ToString();
        Assert.Contains("/etc/pve/nodes/pve3 is kept", output, StringComparison.Ordinal);
        Assert.Contains("pvecm updatecerts", output, StringComparison.Ordinal);
        Assert.DoesNotContain("still online", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Delnode_by_address_warns_when_the_node_is_still_online()
    {
        _node.Corosync = FakeCluster.Members(true, 1, 2, 3);

        Assert.Equal(0, _node.Run("delnode", "192.0.2.13"));

        Assert.Contains("still online", _node.Out.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, CorosyncConfig.Parse(File.ReadAllText(_node.Paths.ClusterConf)).Nodes.Count);
    }

    [Fact]
    public void A_cluster_config_locked_by_another_member_is_refused_and_nothing_changes()
    {
        _node.Corosync = FakeCluster.Members(true, 1, 2);
        var held = Path.Combine(_node.Paths.LockDirectory, ClusterLock.CorosyncConf);
        Directory.CreateDirectory(held);
        File.WriteAllText(Path.Combine(held, ClusterLockHolder.FileName), new ClusterLockHolder("pve2", 77, "t").Format());
        var before = File.ReadAllText(_node.Paths.ClusterConf);

        Assert.Equal(1, _node.Run("delnode", "pve3"));

        Assert.StartsWith("cluster config is locked by pve2 (pid 77) (since ", _node.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(_node.Paths.ClusterConf));
        Assert.Empty(_node.Processes.Calls);
        Assert.True(Directory.Exists(held));
    }

    [Fact]
    public void The_lock_is_released_after_the_edit()
    {
        _node.Corosync = FakeCluster.Members(true, 1, 2);

        Assert.Equal(0, _node.Run("delnode", "pve3"));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_node.Paths.LockDirectory));
    }

    [Fact]
    public void The_local_node_cannot_delete_itself()
    {
        var before = File.ReadAllText(_node.Paths.ClusterConf);

        Assert.Equal(1, _node.Run("delnode", "pve1"));

        Assert.Equal(before, File.ReadAllText(_node.Paths.ClusterConf));
        Assert.Contains("cannot delete 'pve1'", _node.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_node.Processes.Calls);
    }

    [Fact]
    public void Without_quorum_nothing_is_removed()
    {
        _node.Corosync = FakeCluster.Members(false, 1);
        var before = File.ReadAllText(_node.Paths.ClusterConf);

        Assert.Equal(1, _node.Run("delnode", "pve3"));

        Assert.Equal(before, File.ReadAllText(_node.Paths.ClusterConf));
        Assert.Contains("not quorate", _node.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_node_is_refused_with_the_known_names()
    {
        Assert.Equal(1, _node.Run("delnode", "pve9"));
        Assert.Contains("known nodes: pve1, pve2, pve3", _node.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_cfgtool_kill_is_reported_but_ignored()
    {
        _node.Processes.OtherResult = new ProcessResult(1, "", "Could not kill node (error = CS_ERR_NOT_EXIST)");
        _node.Corosync = FakeCluster.Members(true, 1, 2);

        Assert.Equal(0, _node.Run("delnode", "pve3"));

        Assert.Contains("ignored", _node.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Standalone_node_has_nothing_to_delete()
    {
        File.Delete(_node.Paths.ClusterConf);
        Assert.Equal(1, _node.Run("delnode", "pve3"));
        Assert.Contains("node is not in a cluster", _node.Error.ToString(), StringComparison.Ordinal);
    }
}
