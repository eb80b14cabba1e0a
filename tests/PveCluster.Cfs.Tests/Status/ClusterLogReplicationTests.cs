using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Tests.Replication;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Tests.Status;

/// <summary>Cluster log replicators on live simulated CPG groups (each runs its real event and send loops).</summary>
public sealed class ClusterLogReplicationTests : IAsyncLifetime
{
    private readonly CpgSimulator _simulator = new(seed: 7, clusterSize: 4);
    private readonly Dictionary<uint, (ClusterLog Log, ClusterLogReplicator Replicator)> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (_, replicator) in _nodes.Values)
            await replicator.DisposeAsync();
    }

    [Fact]
    public async Task An_entry_added_on_one_node_appears_once_on_every_node()
    {
        await StartAsync(1, 2, 3);

        _nodes[1].Log.Add(ClusterLog.Info, "pmxcfs", "root@pam", "hello from n1");
        await Eventually.HoldsAsync(() => _nodes.Values.All(n => Count(n.Log, "hello from n1") == 1), "n1's entry on every node");

        // A member joining makes everybody repeat their newest entries; nobody may keep a second copy.
        await StartAsync(4);
        await Eventually.HoldsAsync(() => Count(_nodes[4].Log, "hello from n1") == 1, "n1's entry on the joiner n4");
        // Once n4's first entry reached everybody, every node has handled the join (events arrive in
        // order) and queued its repetition; a second entry from each node, sent after that repetition,
        // arrives after it: when all of them are everywhere, no repetition is still in flight.
        await BarrierAsync("joined", [4], [1, 2, 3, 4]);
        await BarrierAsync("repeated", [1, 2, 3, 4], [1, 2, 3, 4]);
        Assert.All(_nodes.Values, n => Assert.Equal(1, Count(n.Log, "hello from n1")));
    }

    [Fact]
    public async Task After_a_partition_heals_every_node_has_the_entries_of_both_sides()
    {
        await StartAsync(1, 2, 3, 4);
        lock (_simulator)
            _simulator.Partition([1, 2], [3, 4]);

        _nodes[1].Log.Add(ClusterLog.Info, "t", "root@pam", "left side");
        _nodes[3].Log.Add(ClusterLog.Info, "t", "root@pam", "right side");
        await Eventually.HoldsAsync(() => Count(_nodes[2].Log, "left side") == 1 && Count(_nodes[4].Log, "right side") == 1, "each side's entry within its partition");
        // A message reaches its configuration's members when it is sent; an entry each side sends now
        // is handled after anything the other side could have leaked to it.
        await BarrierAsync("left barrier", [1], [1, 2]);
        await BarrierAsync("right barrier", [3], [3, 4]);
        Assert.Equal(0, Count(_nodes[3].Log, "left side"));
        Assert.Equal(0, Count(_nodes[1].Log, "right side"));

        lock (_simulator)
            _simulator.Heal();

        await Eventually.HoldsAsync(() => _nodes.Values.All(n => Count(n.Log, "left side") == 1 && Count(n.Log, "right side") == 1), "both sides' entries everywhere after the merge");
    }

    [Fact]
    public void A_delivered_message_seen_twice_is_inserted_once_and_garbage_is_ignored()
    {
        var log = new ClusterLog("n1", TimeProvider.System);
        var group = _simulator.Connect(1);
        var replicator = new ClusterLogReplicator(log, group, NullLogger.Instance);
        var entry = new ClusterLogEntry(1, 1_750_000_000, ClusterLog.Info, "t", 9, "n2", "root@pam", "once");
        var payload = ClusterLogCodec.Encode([entry]);

        replicator.Handle(new CpgMessageDelivered(new CpgMember(2, 9), payload));
        replicator.Handle(new CpgMessageDelivered(new CpgMember(2, 9), payload));
        replicator.Handle(new CpgMessageDelivered(new CpgMember(2, 9), [99, 0, 1]));

        Assert.Equal([entry], log.Recent(10));
    }

    private static int Count(ClusterLog log, string message) => log.Recent(int.MaxValue).Count(e => e.Message == message);

    private async Task StartAsync(params uint[] nodeIds)
    {
        foreach (var id in nodeIds)
        {
            SimulatedCpgGroup group;
            lock (_simulator)
                group = _simulator.Connect(id, live: true);
            var log = new ClusterLog($"n{id}", TimeProvider.System);
            var replicator = new ClusterLogReplicator(log, group, NullLogger.Instance);
            _nodes[id] = (log, replicator);
            await replicator.StartAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Each sender logs a marker; returns once every receiver holds every marker, so everything a
    /// receiver was sent before the markers has been handled there (delivery is in order).
    /// </summary>
    private async Task BarrierAsync(string marker, uint[] senders, uint[] receivers)
    {
        foreach (var id in senders)
            _nodes[id].Log.Add(ClusterLog.Info, "t", "root@pam", $"{marker} n{id}");
        await Eventually.HoldsAsync(() => receivers.All(r => senders.All(id => Count(_nodes[r].Log, $"{marker} n{id}") == 1)), $"marker {marker} on every receiver");
    }
}
