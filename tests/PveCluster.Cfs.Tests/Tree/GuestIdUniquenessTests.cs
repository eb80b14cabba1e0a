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

    [Fact]
    public async Task Renaming_a_directory_of_configs_to_a_guest_type_directory_cannot_duplicate_an_id()
    {
        // The reported bypass: the config is created where ids are not checked, then its directory is renamed.
        await _f.MkdirAll("/nodes/ghost", "/nodes/ghost/qtmp");
        await _f.CreateWith("/nodes/ghost/qtmp/100.conf", "memory: 64");

        Assert.Equal(CfsError.Exists, await _f.Rename("/nodes/ghost/qtmp", "/nodes/ghost/lxc"));
        Assert.Equal(CfsError.Exists, await _f.Rename("/nodes/ghost/qtmp", "/nodes/ghost/qemu-server"));

        Assert.NotNull(_f.Tree.GetEntry("/nodes/ghost/qtmp/100.conf"));
        Assert.Null(_f.Tree.GetEntry("/nodes/ghost/lxc"));
    }

    [Fact]
    public async Task Renaming_a_directory_of_configs_onto_an_empty_guest_type_directory_cannot_duplicate_an_id()
    {
        await _f.MkdirAll("/nodes/b/staging");
        await _f.CreateWith("/nodes/b/staging/100.conf", "memory: 64");

        Assert.Equal(CfsError.Exists, await _f.Rename("/nodes/b/staging", "/nodes/b/lxc"));
        Assert.Empty(_f.Tree.ListDirectory("/nodes/b/lxc")!);
    }

    [Fact]
    public async Task Renaming_a_directory_into_nodes_as_a_new_node_cannot_duplicate_an_id()
    {
        await _f.MkdirAll("/staging", "/staging/qemu-server");
        await _f.CreateWith("/staging/qemu-server/100.conf", "memory: 64");

        Assert.Equal(CfsError.Exists, await _f.Rename("/staging", "/nodes/ghost"));
        Assert.Null(_f.Tree.GetEntry("/nodes/ghost"));
    }

    [Fact]
    public async Task Renaming_a_directory_to_nodes_itself_cannot_bring_in_an_id_twice()
    {
        using var empty = new LocalTreeFixture();
        await empty.MkdirAll("/n", "/n/x", "/n/x/qemu-server", "/n/y", "/n/y/lxc");
        await empty.CreateWith("/n/x/qemu-server/300.conf", "a");
        await empty.CreateWith("/n/y/lxc/300.conf", "b");

        Assert.Equal(CfsError.Exists, await empty.Rename("/n", "/nodes"));
        Assert.Null(empty.Tree.GetEntry("/nodes"));

        Assert.Equal(CfsError.None, await empty.Delete("/n/y/lxc/300.conf"));
        Assert.Equal(CfsError.None, await empty.Rename("/n", "/nodes"));
        Assert.Equal("a", empty.Text("/nodes/x/qemu-server/300.conf"));
    }

    [Fact]
    public async Task Directory_renames_with_free_ids_or_moving_their_own_configs_are_allowed()
    {
        await _f.MkdirAll("/nodes/ghost", "/nodes/ghost/qtmp");
        await _f.CreateWith("/nodes/ghost/qtmp/9901.conf", "memory: 64");
        Assert.Equal(CfsError.None, await _f.Rename("/nodes/ghost/qtmp", "/nodes/ghost/lxc"));
        Assert.Equal("memory: 64", _f.Text("/nodes/ghost/lxc/9901.conf"));

        // A node directory renamed as a whole takes its configs along: their ids stay unique.
        Assert.Equal(CfsError.None, await _f.Rename("/nodes/a", "/nodes/c"));
        Assert.Equal("memory: 512", _f.Text("/nodes/c/qemu-server/100.conf"));

        // Directories that cannot hold configs are not inspected at all.
        await _f.MkdirAll("/backup", "/backup/qemu-server");
        await _f.CreateWith("/backup/qemu-server/100.conf", "copy");
        Assert.Equal(CfsError.None, await _f.Rename("/backup", "/archive"));
    }

    [Fact]
    public async Task A_directory_rename_that_would_create_the_same_id_twice_within_itself_is_refused()
    {
        await _f.MkdirAll("/import", "/import/qemu-server", "/import/lxc");
        await _f.CreateWith("/import/qemu-server/500.conf", "vm");
        await _f.CreateWith("/import/lxc/500.conf", "ct");

        Assert.Equal(CfsError.Exists, await _f.Rename("/import", "/nodes/ghost"));
        Assert.Null(_f.Tree.GetEntry("/nodes/ghost"));
    }
}
