using System.Text.Json;
using PveCluster.Cfs.Tests.Fuse;

namespace PveCluster.Cfs.Tests.Views;

public class VersionFileTests
{
    [Fact]
    public void Shows_tree_view_and_well_known_file_versions()
    {
        using var fixture = new FixtureWithFiles();

        using var json = JsonDocument.Parse(fixture.Fs.ReadAll("/.version"));
        var root = json.RootElement;

        Assert.Equal(1_750_000_000, root.GetProperty("starttime").GetInt64());
        Assert.Equal(fixture.Fs.Tree.TreeVersion, root.GetProperty("tree").GetUInt64());
        Assert.Equal(fixture.StorageVersion, root.GetProperty("storage.cfg").GetUInt64());
        Assert.Equal(0UL, root.GetProperty("user.cfg").GetUInt64());
        Assert.True(root.GetProperty("vmlist").GetUInt32() >= 1);
        Assert.True(root.GetProperty("clinfo").GetUInt32() >= 1);
        Assert.True(root.GetProperty("kvstore").TryGetProperty("n1", out _));
    }

    private sealed class FixtureWithFiles : IDisposable
    {
        public FixtureWithFiles()
        {
            Fs.Tree.Seed("/storage.cfg", "dir: local");
            Fs.Tree.Seed("/datacenter.cfg", "keyboard: de");
            StorageVersion = Fs.Tree.GetEntry("/storage.cfg")!.Version;
        }

        public FileSystemFixture Fs { get; } = new();

        public ulong StorageVersion { get; }

        public void Dispose() => Fs.Dispose();
    }
}
