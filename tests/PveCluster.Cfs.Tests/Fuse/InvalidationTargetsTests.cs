using PveCluster.Cfs.Fuse;

namespace PveCluster.Cfs.Tests.Fuse;

public class InvalidationTargetsTests
{
    [Theory]
    [InlineData("/storage.cfg", new[] { "/storage.cfg", "/" })]
    [InlineData("/nodes/n1/qemu-server/100.conf", new[] { "/nodes/n1/qemu-server/100.conf", "/nodes/n1/qemu-server" })]
    [InlineData("/nodes", new[] { "/nodes", "/" })]
    [InlineData("/", new[] { "/" })]
    public void A_changed_path_invalidates_itself_and_its_directory(string changed, string[] expected) =>
        Assert.Equal(expected, InvalidationTargets.For(changed));

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
