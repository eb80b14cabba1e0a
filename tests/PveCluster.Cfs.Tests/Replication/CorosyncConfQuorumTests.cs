using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Tests.Persistence;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Replication;

public sealed class CorosyncConfQuorumTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ConfigDatabase _database;

    public CorosyncConfQuorumTests() => _database = _directory.Open();

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void The_trees_nodelist_votes_decide_and_qdevice_votes_do_not_count()
    {
        WriteTreeConf(Conf(("n1", 1, 1), ("n2", 2, 1), ("n3", 3, 2)));
        var quorum = new CorosyncConfQuorum(_database, _directory.File("missing.conf"), NullLogger.Instance);

        // 4 votes, quorum 3.
        Assert.False(quorum.IsQuorate([1, 2]));
        Assert.True(quorum.IsQuorate([1, 3]));
        Assert.True(quorum.IsQuorate([2, 3, 99]));
        Assert.False(quorum.IsQuorate([3, 99]));

        WriteTreeConf(Conf(("n1", 1, 1), ("n2", 2, 1)) + "quorum {\n  provider: corosync_votequorum\n  device {\n    model: net\n    votes: 1\n  }\n}\n");
        Assert.False(quorum.IsQuorate([1]));
        Assert.True(quorum.IsQuorate([1, 2]));
    }

    [Fact]
    public void Two_node_makes_one_node_quorate()
    {
        WriteTreeConf(Conf(("n1", 1, 1), ("n2", 2, 1)) + "quorum {\n  provider: corosync_votequorum\n  two_node: 1\n}\n");
        var quorum = new CorosyncConfQuorum(_database, _directory.File("missing.conf"), NullLogger.Instance);
        Assert.True(quorum.IsQuorate([2]));
    }

    [Fact]
    public void Without_a_usable_tree_copy_the_local_file_counts()
    {
        var local = _directory.File("corosync.conf");
        File.WriteAllText(local, Conf(("n1", 1, 1), ("n2", 2, 1), ("n3", 3, 1)));
        var quorum = new CorosyncConfQuorum(_database, local, NullLogger.Instance);
        Assert.False(quorum.IsQuorate([1]));
        Assert.True(quorum.IsQuorate([1, 2]));

        WriteTreeConf("nodelist {\n  node {\n");
        Assert.False(quorum.IsQuorate([1]));

        var nothing = new CorosyncConfQuorum(_database, _directory.File("missing.conf"), NullLogger.Instance);
        Assert.True(nothing.IsQuorate([1]));
    }

    [Fact]
    public void Each_source_is_reread_when_it_changes_while_the_other_one_decides()
    {
        var local = _directory.File("corosync.conf");
        File.WriteAllText(local, Conf(("n1", 1, 1), ("n2", 2, 1), ("n3", 3, 1)));
        var quorum = new CorosyncConfQuorum(_database, local, NullLogger.Instance);
        Assert.False(quorum.IsQuorate([1]));

        WriteTreeConf(Conf(("n1", 1, 3), ("n2", 2, 1)));
        Assert.True(quorum.IsQuorate([1]));

        // Changed while the tree's copy decides; it must count as soon as the tree's copy is unusable.
        File.WriteAllText(local, Conf(("n1", 1, 1), ("n2", 2, 1)) + "quorum {\n  provider: corosync_votequorum\n  two_node: 1\n}\n");
        File.SetLastWriteTimeUtc(local, DateTime.UtcNow.AddMinutes(1));
        Assert.True(quorum.IsQuorate([1]));
        Assert.False(quorum.IsQuorate([2, 3]));

        WriteTreeConf("nodelist {\n  node {\n");
        Assert.True(quorum.IsQuorate([2]));

        WriteTreeConf(Conf(("n1", 1, 1), ("n2", 2, 1), ("n3", 3, 1)));
        Assert.False(quorum.IsQuorate([2]));
        Assert.True(quorum.IsQuorate([2, 3]));
    }

    private static string Conf(params (string Name, int Id, int Votes)[] nodes) =>
        "totem {\n  version: 2\n  cluster_name: test\n  config_version: 1\n}\nnodelist {\n"
        + string.Concat(nodes.Select(n => $"  node {{\n    name: {n.Name}\n    nodeid: {n.Id}\n    quorum_votes: {n.Votes}\n    ring0_addr: 10.0.0.{n.Id}\n  }}\n"))
        + "}\n";

    private void WriteTreeConf(string text)
    {
        var path = "/corosync.conf";
        if (_database.GetEntry(path) is null)
        {
            Assert.Equal(CfsError.None, _database.Apply(new CreateFileOperation(path, 1), 1, 1));
        }

        Assert.Equal(CfsError.None, _database.Apply(new TruncateOperation(path, 0, 2), 1, 2));
        Assert.Equal(CfsError.None, _database.Apply(new WriteOperation(path, 0, Encoding.UTF8.GetBytes(text), 2), 1, 2));
    }
}
