using PveCluster.Cfs.Status;

namespace PveCluster.Cfs.Tests.Status;

public class ClusterLogInsertTests
{
    private static ClusterLogEntry Entry(string node, ulong uid, long time) =>
        new(uid, time, ClusterLog.Info, "t", 100, node, "root@pam", $"{node}-{uid}");

    [Fact]
    public void Inserting_the_same_entry_twice_keeps_one()
    {
        var log = new ClusterLog("n1", TimeProvider.System);

        Assert.True(log.Insert(Entry("n2", 1, 10)));
        Assert.False(log.Insert(Entry("n2", 1, 10)));

        Assert.Single(log.Recent(10));
    }

    [Fact]
    public void Entries_are_ordered_by_time_then_identity_whatever_the_arrival_order()
    {
        var log = new ClusterLog("n1", TimeProvider.System);
        log.Insert(Entry("n2", 5, 30));
        log.Insert(Entry("n3", 1, 10));
        log.Insert(Entry("n2", 9, 10));
        log.Insert(Entry("n1", 7, 20));

        Assert.Equal(["n2-5", "n1-7", "n3-1", "n2-9"], log.Recent(10).Select(e => e.Message));
    }

    [Fact]
    public void Late_old_entries_fall_out_of_a_full_log()
    {
        var log = new ClusterLog("n1", TimeProvider.System, capacity: 2);
        log.Insert(Entry("n2", 1, 20));
        log.Insert(Entry("n2", 2, 30));

        log.Insert(Entry("n3", 1, 10));

        Assert.Equal(["n2-2", "n2-1"], log.Recent(10).Select(e => e.Message));
    }

    [Fact]
    public void Only_local_additions_raise_EntryAdded()
    {
        var log = new ClusterLog("n1", TimeProvider.System);
        var raised = new List<ClusterLogEntry>();
        log.EntryAdded += (_, entry) => raised.Add(entry);

        log.Insert(Entry("n2", 1, 10));
        var local = log.Add(ClusterLog.Info, "pmxcfs", "root@pam", "hello");

        Assert.Equal([local], raised);
    }
}
