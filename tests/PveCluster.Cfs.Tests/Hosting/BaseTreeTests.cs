using PveCluster.Cfs.Hosting;
using PveCluster.Cfs.Tests.Fuse;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Hosting;

public sealed class BaseTreeTests : IDisposable
{
    private readonly GatedConfigTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Creates_the_node_directories_and_priv()
    {
        Assert.Equal(CfsError.None, await BaseTree.EnsureAsync(_tree, "n1", 100, CancellationToken.None));

        foreach (var directory in new[] { "/nodes/n1/qemu-server", "/nodes/n1/lxc", "/nodes/n1/priv", "/priv" })
            Assert.Equal(EntryKind.Directory, _tree.GetEntry(directory)?.Kind);
    }

    [Fact]
    public async Task Is_idempotent_and_keeps_existing_content()
    {
        _tree.Seed("/nodes/n1/qemu-server/100.conf", "x");
        await BaseTree.EnsureAsync(_tree, "n1", 100, CancellationToken.None);
        var mutations = _tree.MutationCount;

        Assert.Equal(CfsError.None, await BaseTree.EnsureAsync(_tree, "n1", 100, CancellationToken.None));

        Assert.Equal(mutations, _tree.MutationCount);
        Assert.NotNull(_tree.GetEntry("/nodes/n1/qemu-server/100.conf"));
    }

    [Fact]
    public async Task Reports_a_read_only_tree_and_a_file_in_the_way()
    {
        _tree.Writable = false;
        Assert.Equal(CfsError.AccessDenied, await BaseTree.EnsureAsync(_tree, "n1", 100, CancellationToken.None));

        _tree.Writable = true;
        _tree.Seed("/nodes/n1/lxc", "not a directory");
        Assert.Equal(CfsError.NotDirectory, await BaseTree.EnsureAsync(_tree, "n1", 100, CancellationToken.None));
    }
}
