using System.Text;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Tests.Persistence;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Tree;

/// <summary>A cluster node started without corosync: read-only on its database, then the cluster tree takes over.</summary>
public sealed class AttachableConfigTreeTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ConfigDatabase _database;
    private readonly ReadOnlyConfigTree _readOnly;
    private readonly LocalConfigTree _writable;

    public AttachableConfigTreeTests()
    {
        _database = _directory.Open();
        _readOnly = new ReadOnlyConfigTree(_database);
        _writable = new LocalConfigTree(_database);
    }

    public void Dispose()
    {
        _readOnly.Dispose();
        _writable.Dispose();
        _database.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Serves_the_database_read_only_until_a_tree_is_attached_then_follows_that_tree()
    {
        await _writable.CreateFileAsync("/kept.conf", 1, CancellationToken.None);
        await _writable.WriteAsync("/kept.conf", 0, "from before\n"u8.ToArray(), 1, CancellationToken.None);
        var tree = new AttachableConfigTree(_readOnly);

        Assert.False(tree.IsWritable);
        Assert.Equal("from before\n", Encoding.UTF8.GetString(tree.ReadFile("/kept.conf")!.Value.Span));
        Assert.Equal(CfsError.AccessDenied, await tree.WriteAsync("/kept.conf", 0, "x"u8.ToArray(), 2, CancellationToken.None));
        Assert.Equal(CfsError.AccessDenied, await tree.CreateFileAsync("/new.conf", 2, CancellationToken.None));
        Assert.Equal(CfsError.AccessDenied, await tree.DeleteAsync("/kept.conf", CancellationToken.None));

        Assert.Same(_readOnly, tree.Attach(_writable));

        Assert.True(tree.IsWritable);
        Assert.Equal(CfsError.None, await tree.CreateFileAsync("/new.conf", 2, CancellationToken.None));
        Assert.NotNull(tree.GetEntry("/new.conf"));
    }

    [Fact]
    public async Task Reports_changes_of_the_attached_tree_once_and_none_of_the_replaced_one()
    {
        var tree = new AttachableConfigTree(_readOnly);
        var changed = new List<string>();
        tree.Changed += (_, e) => changed.Add(e.Path);
        tree.Attach(_writable);

        await _writable.MakeDirectoryAsync("/nodes", 1, CancellationToken.None);

        Assert.Equal(["/nodes"], changed);
        Assert.Same(_writable, tree.Current);
    }
}
