using System.Threading.Channels;
using PveCluster.Corosync.Cpg;
using PveCluster.Corosync.Quorum;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>
/// An in-memory corosync for protocol tests. Nodes sit in partitions; the processes of one
/// partition form a CPG configuration. A message goes, at the moment it is sent, to the inbox of
/// every process in the sender's configuration, so all of them see one total order and the same
/// messages between two configuration changes (virtual synchrony). Which inbox is served next is
/// chosen by a seeded random generator, so a run is reproducible from its seed.
/// </summary>
internal sealed class CpgSimulator(int seed, int clusterSize)
{
    private readonly Random _random = new(seed);
    private readonly List<SimulatedCpgGroup> _processes = [];
    private readonly Dictionary<uint, int> _partitionOf = [];
    private readonly Dictionary<uint, SimulatedQuorum> _quorum = [];

    // Processes that lost corosync but still have events to consume.
    private readonly List<SimulatedCpgGroup> _orphans = [];
    private uint _nextPid = 1000;

    public int ClusterSize { get; } = clusterSize;

    public SimulatedQuorum QuorumOf(uint nodeId)
    {
        if (!_quorum.TryGetValue(nodeId, out var quorum))
        {
            quorum = new SimulatedQuorum();
            _quorum[nodeId] = quorum;
            _partitionOf.TryAdd(nodeId, 0);
            UpdateQuorum();
        }

        return quorum;
    }

    /// <summary>
    /// Starts a process on a node and joins it to the group of that node's partition. A live
    /// process receives its events through <see cref="SimulatedCpgGroup.Events"/> at once; otherwise
    /// they wait in its inbox for <see cref="RunUntilQuietAsync"/>.
    /// </summary>
    public SimulatedCpgGroup Connect(uint nodeId, bool live = false)
    {
        QuorumOf(nodeId);
        var process = new SimulatedCpgGroup(this, new CpgMember(nodeId, _nextPid++), live);
        var before = Snapshot();
        _processes.Add(process);
        AnnounceChanges(before);
        return process;
    }

    /// <summary>The process stops (or crashes): what it had not consumed is gone; the others see it leave.</summary>
    public void Disconnect(SimulatedCpgGroup process)
    {
        var before = Snapshot();
        _processes.Remove(process);
        process.ClearInbox();
        AnnounceChanges(before);
    }

    /// <summary>corosync dies under the process: events not yet dispatched are lost, the process is told, the others see it leave.</summary>
    public void LoseConnection(SimulatedCpgGroup process)
    {
        var before = Snapshot();
        _processes.Remove(process);
        process.ClearInbox();
        process.Deliver(new CpgConnectionLost("simulated corosync crash"));
        _orphans.Add(process);
        AnnounceChanges(before);
    }

    /// <summary>The process's corosync is back: it joins again (same pid) and everybody sees a configuration change.</summary>
    public void Reconnect(SimulatedCpgGroup process)
    {
        var before = Snapshot();
        _processes.Add(process);
        AnnounceChanges(before);
    }

    /// <summary>Splits the cluster; nodes not named keep partition 0.</summary>
    public void Partition(params uint[][] groups)
    {
        var before = Snapshot();
        foreach (var node in _partitionOf.Keys.ToList())
        {
            _partitionOf[node] = 0;
        }

        for (var i = 0; i < groups.Length; i++)
        {
            foreach (var node in groups[i])
            {
                _partitionOf[node] = i + 1;
            }
        }

        UpdateQuorum();
        AnnounceChanges(before);
    }

    public void Heal() => Partition();

    public IReadOnlyList<CpgMember> MembersWith(CpgMember member) =>
        _processes.Where(p => _partitionOf[p.Self.NodeId] == _partitionOf[member.NodeId]).Select(p => p.Self).Order().ToList();

    /// <summary>Delivers queued events, one at a time, to random processes until every inbox is empty.</summary>
    public async Task RunUntilQuietAsync(int maxSteps = 100_000)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            if (!await StepAsync())
            {
                return;
            }
        }

        throw new InvalidOperationException($"the simulated cluster did not become quiet within {maxSteps} steps");
    }

    /// <summary>Delivers up to <paramref name="steps"/> events (to interleave deliveries with new requests).</summary>
    public async Task RunStepsAsync(int steps)
    {
        for (var i = 0; i < steps && await StepAsync(); i++)
        {
        }
    }

    internal void Send(SimulatedCpgGroup sender, byte[] payload)
    {
        if (!_processes.Contains(sender))
        {
            throw new InvalidOperationException($"{sender.Self} is not joined");
        }

        foreach (var member in MembersWith(sender.Self))
        {
            Process(member).Deliver(new CpgMessageDelivered(sender.Self, payload));
        }
    }

    private async Task<bool> StepAsync()
    {
        var ready = _processes.Concat(_orphans).Where(p => p.HasPending).ToList();
        _orphans.RemoveAll(p => !p.HasPending);
        if (ready.Count == 0)
        {
            return false;
        }

        await ready[_random.Next(ready.Count)].DeliverNextAsync();
        return true;
    }

    private SimulatedCpgGroup Process(CpgMember member) => _processes.Single(p => p.Self == member);

    private Dictionary<CpgMember, IReadOnlyList<CpgMember>> Snapshot() =>
        _processes.ToDictionary(p => p.Self, p => MembersWith(p.Self));

    private void AnnounceChanges(Dictionary<CpgMember, IReadOnlyList<CpgMember>> before)
    {
        foreach (var process in _processes)
        {
            var now = MembersWith(process.Self);
            var old = before.GetValueOrDefault(process.Self, []);
            if (!now.SequenceEqual(old))
            {
                process.Deliver(new CpgConfigurationChanged(now, old.Except(now).ToList(), now.Except(old).ToList()));
            }
        }
    }

    private void UpdateQuorum()
    {
        foreach (var (node, quorum) in _quorum)
        {
            var votes = _partitionOf.Count(kv => kv.Value == _partitionOf[node]);
            quorum.Set(votes * 2 > ClusterSize);
        }
    }
}

/// <summary>One process's view of the simulated group.</summary>
internal sealed class SimulatedCpgGroup(CpgSimulator simulator, CpgMember self, bool live) : ICpgGroup
{
    private readonly Queue<CpgEvent> _inbox = new();
    private readonly Channel<CpgEvent> _channel = Channel.CreateUnbounded<CpgEvent>();
    private Func<CpgEvent, Task>? _handler;

    public string GroupName => "pve_dcdb_v1";

    public CpgMember Self { get; } = self;

    public ChannelReader<CpgEvent> Events => _channel.Reader;

    public bool HasPending => _inbox.Count > 0;

    /// <summary>Deterministic mode: the simulator hands inbox events to <paramref name="handler"/>.</summary>
    public void Attach(Func<CpgEvent, Task> handler) => _handler = handler;

    public Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (simulator)
        {
            simulator.Send(this, message.ToArray());
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    internal void Deliver(CpgEvent cpgEvent)
    {
        if (live)
        {
            _channel.Writer.TryWrite(cpgEvent);
        }
        else
        {
            _inbox.Enqueue(cpgEvent);
        }
    }

    internal void ClearInbox() => _inbox.Clear();

    internal Task DeliverNextAsync() => _handler!(_inbox.Dequeue());
}

internal sealed class SimulatedQuorum : IQuorumMonitor
{
    private volatile bool _quorate;

    public bool IsQuorate => _quorate;

    public event EventHandler<bool>? QuorateChanged;

    public void Set(bool quorate)
    {
        if (_quorate != quorate)
        {
            _quorate = quorate;
            QuorateChanged?.Invoke(this, quorate);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
