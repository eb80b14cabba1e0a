using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Tree;

public sealed class GuestIdUniquenessTests : IDisposable
{
    private readonly LocalTreeFixture _f = new();

    public GuestIdUniquenessTests()
    {
        _f.MkdirAll(
            "/nodes", "/nodes/a", "/nodes/a/qemu-server", "/nodes/a/lxc",
            "/nodes/b", "/nodes/b/qemu-server", "/nodes/b/lxc").GetAwaiter().GetResult();
        _f.CreateWith("/nodes/a/qemu-server/100.conf", "memory: 512").GetAwaiter().GetResult();
    }

    public void Dispose() => _f.Dispose();

    [Theory]
    [InlineData("/nodes/b/qemu-server/100.conf")]
    [InlineData("/nodes/b/lxc/100.conf")]
    [InlineData("/nodes/a/lxc/100.conf")]
    public async Task Creating_a_config_for_an_id_that_exists_anywhere_fails(string path)
    {
        Assert.Equal(CfsError.Exists, await _f.Create(path));
        Assert.Null(_f.Tree.GetEntry(path));
    }

    [Theory]
    [InlineData("/nodes/b/qemu-server/101.conf")]
    [InlineData("/nodes/b/qemu-server/100.conf.tmp")]
    [InlineData("/nodes/b/100.conf")]
    [InlineData("/nodes/b/qemu-server/0100.conf")]
    public async Task Other_ids_and_non_config_names_are_free(string path) =>
        Assert.Equal(CfsError.None, await _f.Create(path));

    [Fact]
    public async Task Renaming_another_file_onto_a_taken_id_fails()
    {
        await _f.CreateWith("/nodes/b/qemu-server/200.conf", "x");
        Assert.Equal(CfsError.Exists, await _f.Rename("/nodes/b/qemu-server/200.conf", "/nodes/b/qemu-server/100.conf"));
        Assert.Equal(CfsError.Exists, await _f.Rename("/nodes/b/qemu-server/200.conf", "/nodes/b/lxc/100.conf"));
        Assert.NotNull(_f.Tree.GetEntry("/nodes/b/qemu-server/200.conf"));
    }

    [Fact]
    public async Task Migration_renames_the_same_id_to_another_node()
    {
        Assert.Equal(CfsError.None, await _f.Rename("/nodes/a/qemu-server/100.conf", "/nodes/b/qemu-server/100.conf"));
        Assert.Equal("memory: 512", _f.Text("/nodes/b/qemu-server/100.conf"));
        Assert.Null(_f.Tree.GetEntry("/nodes/a/qemu-server/100.conf"));
    }

    [Fact]
    public async Task Atomic_replace_of_the_own_config_through_a_temporary_file_is_allowed()
    {
        await _f.CreateWith("/nodes/a/qemu-server/100.conf.tmp.123", "memory: 1024");
        Assert.Equal(CfsError.None, await _f.Rename("/nodes/a/qemu-server/100.conf.tmp.123", "/nodes/a/qemu-server/100.conf"));
        Assert.Equal("memory: 1024", _f.Text("/nodes/a/qemu-server/100.conf"));
    }

    [Fact]
    public async Task A_temporary_file_may_not_replace_the_config_of_the_same_id_on_another_node()
    {
        await _f.CreateWith("/nodes/b/qemu-server/100.conf.tmp", "stolen");
        Assert.Equal(CfsError.Exists, await _f.Rename("/nodes/b/qemu-server/100.conf.tmp", "/nodes/b/qemu-server/100.conf"));
    }
}
