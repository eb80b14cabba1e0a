using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Tree;

public sealed class EntryDataTests
{
    [Fact]
    public void A_changed_copy_gets_a_fresh_digest()
    {
        var entry = new EntryData(1, 0, "f", EntryKind.File, 1, 1, 10, [1, 2]);
        var original = entry.Digest;

        Assert.NotEqual(original, (entry with { Version = 2 }).Digest);
        Assert.NotEqual(original, (entry with { Data = [1, 3] }).Digest);
        Assert.NotEqual(original, (entry with { Name = "g" }).Digest);
        Assert.Equal(original, (entry with { }).Digest);
    }
}
