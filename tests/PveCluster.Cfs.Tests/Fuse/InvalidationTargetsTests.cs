using PveCluster.Cfs.Fuse;
using Inode = PveCluster.Cfs.Fuse.InvalidationTarget.Inode;
using Entry = PveCluster.Cfs.Fuse.InvalidationTarget.Entry;

namespace PveCluster.Cfs.Tests.Fuse;

public class InvalidationTargetsTests
{
    [Fact]
    public void A_changed_file_invalidates_its_inode_its_name_and_its_directory() =>
        Assert.Equal(
            [new Inode("/nodes/n1/qemu-server/100.conf"), new Entry("/nodes/n1/qemu-server", "100.conf"), new Inode("/nodes/n1/qemu-server")],
            InvalidationTargets.For("/nodes/n1/qemu-server/100.conf"));

    [Fact]
    public void A_top_level_entry_is_a_name_in_the_root() =>
        Assert.Equal([new Inode("/storage.cfg"), new Entry("/", "storage.cfg"), new Inode("/")], InvalidationTargets.For("/storage.cfg"));

    [Fact]
    public void A_trailing_slash_names_the_same_entry() =>
        Assert.Equal([new Inode("/nodes/n1"), new Entry("/nodes", "n1"), new Inode("/nodes")], InvalidationTargets.For("/nodes/n1/"));

    [Fact]
    public void The_root_has_no_name_and_no_directory() =>
        Assert.Equal([new Inode("/")], InvalidationTargets.For("/"));

    [Theory]
    [InlineData("/a/b/", "/a")]
    [InlineData("/a", "/")]
    [InlineData("/", null)]
    public void The_parent_of_a_path_ignores_a_trailing_slash_and_the_root_has_none(string path, string? parent) =>
        Assert.Equal(parent, InvalidationTargets.ParentOf(path));

    [Fact]
    public void An_empty_path_is_refused() =>
        Assert.Throws<ArgumentException>(() => InvalidationTargets.For("").ToList());
}
