using System.Text.Json;
using PveCluster.Cfs.Tests.Fuse;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Tests.Views;

public sealed class VmListFileTests : IDisposable
{
    private readonly FileSystemFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Empty_cluster_has_only_a_version()
    {
        using var json = JsonDocument.Parse(_fixture.ReadAll("/.vmlist"));
        Assert.Equal(["version"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Lists_qemu_and_lxc_guests_of_every_node()
    {
        _fixture.Tree.Seed("/nodes/n1/qemu-server/100.conf", "memory: 512");
        _fixture.Tree.Seed("/nodes/n2/lxc/101.conf", "arch: amd64");
        _fixture.Tree.Seed("/nodes/n2/qemu-server/notes.txt", "ignored");
        _fixture.Tree.Seed("/nodes/n2/qemu-server/0100.conf", "ignored: leading zero");
        var version100 = _fixture.Tree.GetEntry("/nodes/n1/qemu-server/100.conf")!.Version;

        using var json = JsonDocument.Parse(_fixture.ReadAll("/.vmlist"));
        var ids = json.RootElement.GetProperty("ids");

        Assert.Equal(["100", "101"], ids.EnumerateObject().Select(p => p.Name));
        Assert.Equal("n1", ids.GetProperty("100").GetProperty("node").GetString());
        Assert.Equal("qemu", ids.GetProperty("100").GetProperty("type").GetString());
        Assert.Equal(version100, ids.GetProperty("100").GetProperty("version").GetUInt64());
        Assert.Equal("n2", ids.GetProperty("101").GetProperty("node").GetString());
        Assert.Equal("lxc", ids.GetProperty("101").GetProperty("type").GetString());
    }

    [Fact]
    public void Version_moves_when_a_guest_moves_to_another_node()
    {
        _fixture.Tree.Seed("/nodes/n1/qemu-server/100.conf", "x");
        _fixture.Tree.Seed("/nodes/n2/qemu-server");
        var before = Version();
        Assert.Equal(before, Version());

        Assert.Equal(0, _fixture.FileSystem.Rename("/nodes/n1/qemu-server/100.conf", "/nodes/n2/qemu-server/100.conf", 0, FileSystemFixture.Root));

        Assert.True(Version() > before);
    }

    [Theory]
    [InlineData("100.conf", true, 100u)]
    [InlineData("999999999.conf", true, 999999999u)]
    [InlineData("0.conf", false, 0u)]
    [InlineData("012.conf", false, 0u)]
    [InlineData("-1.conf", false, 0u)]
    [InlineData("100.conf.tmp", false, 0u)]
    [InlineData(".conf", false, 0u)]
    [InlineData("abc.conf", false, 0u)]
    public void Guest_ids_come_from_decimal_file_names(string name, bool valid, uint expected)
    {
        Assert.Equal(valid, GuestConfigScanner.TryParseVmId(name, out var vmid));
        Assert.Equal(expected, valid ? vmid : 0u);
    }

    private int Version()
    {
        using var json = JsonDocument.Parse(_fixture.ReadAll("/.vmlist"));
        return json.RootElement.GetProperty("version").GetInt32();
    }
}
