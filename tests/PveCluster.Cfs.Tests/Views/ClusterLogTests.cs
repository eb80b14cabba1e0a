using System.Text.Json;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Tests.Fuse;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Tests.Views;

public class ClusterLogTests
{
    [Fact]
    public void Clusterlog_file_shows_entries_newest_first_with_pmxcfs_field_names()
    {
        using var fixture = new FileSystemFixture();
        fixture.Log.Add(ClusterLog.Info, "pmxcfs", "root@pam", "first");
        fixture.Clock.Now = fixture.Clock.Now.AddSeconds(5);
        fixture.Log.Add(ClusterLog.Error, "corosync", "root@pam", "second");

        using var json = JsonDocument.Parse(fixture.ReadAll("/.clusterlog"));
        var data = json.RootElement.GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(2, data.Count);
        var newest = data[0];
        Assert.Equal("second", newest.GetProperty("msg").GetString());
        Assert.Equal(3, newest.GetProperty("pri").GetInt32());
        Assert.Equal("corosync", newest.GetProperty("tag").GetString());
        Assert.Equal("n1", newest.GetProperty("node").GetString());
        Assert.Equal("root@pam", newest.GetProperty("user").GetString());
        Assert.Equal(1_750_000_005, newest.GetProperty("time").GetInt64());
        Assert.Equal(2UL, newest.GetProperty("uid").GetUInt64());
        Assert.Equal(Environment.ProcessId, newest.GetProperty("pid").GetInt32());
        Assert.Equal("first", data[1].GetProperty("msg").GetString());
    }

    [Fact]
    public void Messages_keep_quotes_readable_in_the_file()
    {
        using var fixture = new FileSystemFixture();
        fixture.Log.Add(ClusterLog.Info, "pmxcfs", "root@pam", "wrote '/etc/corosync/corosync.conf' for knoten-münchen");

        var text = fixture.ReadAll("/.clusterlog");

        Assert.Contains("wrote '/etc/corosync/corosync.conf' for knoten-münchen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ring_keeps_only_the_newest_entries()
    {
        var log = new ClusterLog("n1", TimeProvider.System, capacity: 3);
        for (var i = 1; i <= 5; i++)
            log.Add(ClusterLog.Info, "t", "root@pam", $"m{i}");

        Assert.Equal(["m5", "m4", "m3"], log.Recent(10).Select(e => e.Message));
        Assert.Equal(["m5"], log.Recent(1).Select(e => e.Message));
    }

    [Fact]
    public void The_file_shows_at_most_fifty_entries()
    {
        using var fixture = new FileSystemFixture();
        for (var i = 0; i < 60; i++)
            fixture.Log.Add(ClusterLog.Info, "t", "root@pam", $"m{i}");

        using var json = JsonDocument.Parse(fixture.ReadAll("/.clusterlog"));

        Assert.Equal(ClusterLogFile.MaxEntries, json.RootElement.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public void Priorities_outside_syslog_range_are_rejected()
    {
        var log = new ClusterLog("n1", TimeProvider.System);
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Add(8, "t", "u", "m"));
    }
}
