using System.Threading.Channels;
using PveCluster.Cfs.Replication;
using PveCluster.Corosync.Cpg;
using PveCluster.Corosync.Quorum;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>
/// An in-memory corosync for protocol tests, modelled on what totem really guarantees. Nodes sit in
/// partitions; the processes of one partition form a CPG configuration with one ordered log.
/// <list type="bullet">
/// <item>A sent message is appended to its configuration's log and received by its sender at once
/// (the sender delivers its own message first); each other member receives the log one message at a
/// time, whenever the seeded scheduler picks it.</item>
/// <item>A partition, crash or join can land between those receipts: some members got a message,
/// others not.</item>
/// <item>Extended virtual synchrony at a configuration change: the members that move together into
/// the next configuration first receive the union of what any of them received (totem's recovery),
/// so they deliver the same messages before the change. Members that end up apart may differ.</item>
/// </list>
/// Which process receives or delivers next is chosen by a seeded random generator, so a run is
/// reproducible from its seed.
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

    /// <summary>The configured votes: one per node 1..<see cref="ClusterSize"/>.</summary>
    public IVoteQuorum Votes => new MajorityOfNodes(ClusterSize);

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
    /// process receives everything at once through <see cref="SimulatedCpgGroup.Events"/>; otherwise
    /// events wait for <see cref="RunUntilQuietAsync"/>.
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
        process.Detach();
        AnnounceChanges(before);
    }

    /// <summary>corosync dies under the process: events not yet dispatched are lost, the process is told, the others see it leave.</summary>
    public void LoseConnection(SimulatedCpgGroup process)
    {
        var before = Snapshot();
        _processes.Remove(process);
        process.Detach();
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

    /// <summary>cpg_leave + cpg_join: the process sees itself leave, everybody sees it leave and join again.</summary>
    public void Rejoin(SimulatedCpgGroup process)
    {
        var before = Snapshot();
        _processes.Remove(process);
        process.LeaveConfiguration();
        process.Deliver(new CpgConfigurationChanged(MembersWith(process.Self).Where(m => m != process.Self).ToList(), [process.Self], []));
        AnnounceChanges(before);
        Reconnect(process);
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

    /// <summary>Receives and delivers, one step at a time in random order, until nothing is left anywhere.</summary>
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

    /// <summary>Runs up to <paramref name="steps"/> steps (to interleave deliveries with new requests and failures).</summary>
    public async Task RunStepsAsync(int steps)
    {
        for (var i = 0; i < steps && await StepAsync(); i++)
        {
        }
    }

    /// <summary>Rewrites a message as it is sent (tests inject faults a real member could produce).</summary>
    public Func<CpgMember, byte[], byte[]>? Tamper { get; set; }

    /// <summary>Called after every step (tests check invariants that must hold at every instant).</summary>
    public Action? AfterStep { get; set; }

    /// <summary>Lets one process deliver everything it has received, while nobody else moves.</summary>
    public async Task RunProcessAsync(SimulatedCpgGroup process)
    {
        while (process.HasPending)
        {
            await process.DeliverNextAsync();
            AfterStep?.Invoke();
        }
    }

    internal void Send(SimulatedCpgGroup sender, byte[] payload)
    {
        if (!_processes.Contains(sender) || sender.Log is not { } log)
        {
            throw new InvalidOperationException($"{sender.Self} is not joined");
        }

        log.Messages.Add(new CpgMessageDelivered(sender.Self, Tamper?.Invoke(sender.Self, payload) ?? payload));
        sender.ReceiveUpTo(log.Messages.Count);
        PumpLive();
    }

    private async Task<bool> StepAsync()
    {
        _orphans.RemoveAll(p => !p.HasPending);
        var steps = new List<Func<Task>>();
        foreach (var process in _processes.Concat(_orphans))
        {
            if (process.HasPending)
            {
                steps.Add(process.DeliverNextAsync);
            }

            if (process.CanReceive)
            {
                steps.Add(() =>
                {
                    process.ReceiveUpTo(process.Received + 1);
                    return Task.CompletedTask;
                });
            }
        }

        if (steps.Count == 0)
        {
            return false;
        }

        await steps[_random.Next(steps.Count)]();
        AfterStep?.Invoke();
        return true;
    }

    private Dictionary<CpgMember, IReadOnlyList<CpgMember>> Snapshot() =>
        _processes.ToDictionary(p => p.Self, p => MembersWith(p.Self));

    private void AnnounceChanges(Dictionary<CpgMember, IReadOnlyList<CpgMember>> before)
    {
        var changed = _processes
            .Where(p => !MembersWith(p.Self).SequenceEqual(before.GetValueOrDefault(p.Self, [])))
            .ToList();

        // Recovery: the members that move together hold the union of what any of them received.
        foreach (var movingTogether in changed.Where(p => p.Log is not null).GroupBy(p => (p.Log, Partition: _partitionOf[p.Self.NodeId])))
        {
            var received = movingTogether.Max(p => p.Received);
            foreach (var process in movingTogether)
            {
                process.ReceiveUpTo(received);
            }
        }

        foreach (var configuration in changed.GroupBy(p => _partitionOf[p.Self.NodeId]))
        {
            var log = new ConfigurationLog();
            foreach (var process in configuration)
            {
                var now = MembersWith(process.Self);
                var old = before.GetValueOrDefault(process.Self, []);
                process.Deliver(new CpgConfigurationChanged(now, old.Except(now).ToList(), now.Except(old).ToList()));
                process.EnterConfiguration(log);
            }
        }

        PumpLive();
    }

    private void PumpLive()
    {
        foreach (var process in _processes.Where(p => p.IsLive && p.Log is not null))
        {
            process.ReceiveUpTo(process.Log!.Messages.Count);
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

    private sealed class MajorityOfNodes(int clusterSize) : IVoteQuorum
    {
        public bool IsQuorate(IReadOnlyCollection<uint> nodeIds) => nodeIds.Count(id => id >= 1 && id <= clusterSize) * 2 > clusterSize;
    }
}

/// <summary>The totally ordered messages of one configuration.</summary>
internal sealed class ConfigurationLog
{
    public List<CpgMessageDelivered> Messages { get; } = [];
}

/// <summary>One process's view of the simulated group.</summary>
internal sealed class SimulatedCpgGroup(CpgSimulator simulator, CpgMember self, bool live) : ICpgGroup
{
    private readonly Queue<CpgEvent> _inbox = new();
    private readonly Channel<CpgEvent> _channel = Channel.CreateUnbounded<CpgEvent>();
    private Func<CpgEvent, Task>? _handler;
    private Func<Task>? _idle;

    public string GroupName => "pve_dcdb_v1";

    public CpgMember Self { get; } = self;

    public ChannelReader<CpgEvent> Events => _channel.Reader;

    public bool IsLive => live;

    /// <summary>Events received and waiting to be delivered.</summary>
    public bool HasPending => _inbox.Count > 0;

    /// <summary>How many received events wait to be delivered.</summary>
    public int PendingCount => _inbox.Count;

    /// <summary>The log of the configuration this process is in (null when not joined).</summary>
    internal ConfigurationLog? Log { get; private set; }

    /// <summary>How many messages of <see cref="Log"/> this process has received.</summary>
    internal int Received { get; private set; }

    internal bool CanReceive => Log is not null && Received < Log.Messages.Count;

    /// <summary>Deterministic mode: the simulator hands events to <paramref name="handler"/>, and calls <paramref name="idle"/> once none is left.</summary>
    public void Attach(Func<CpgEvent, Task> handler, Func<Task>? idle = null)
    {
        _handler = handler;
        _idle = idle;
    }

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

    internal void ReceiveUpTo(int count)
    {
        while (Received < count)
        {
            Deliver(Log!.Messages[Received++]);
        }
    }

    internal void EnterConfiguration(ConfigurationLog log)
    {
        Log = log;
        Received = 0;
    }

    public Task RejoinAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (simulator)
        {
            simulator.Rejoin(this);
        }

        return Task.CompletedTask;
    }

    /// <summary>Left the group: nothing more arrives, what was received is still delivered.</summary>
    internal void LeaveConfiguration()
    {
        Log = null;
        Received = 0;
    }

    /// <summary>Out of the group: nothing more arrives, and what was received but not delivered is gone.</summary>
    internal void Detach()
    {
        _inbox.Clear();
        Log = null;
        Received = 0;
    }

    internal async Task DeliverNextAsync()
    {
        await _handler!(_inbox.Dequeue());
        if (_inbox.Count == 0 && _idle is not null)
        {
            await _idle();
        }
    }
}

internal sealed class SimulatedQuorum : IQuorumMonitor
{
    private volatile bool _quorate;

    public bool IsQuorate => _quorate;

    public QuorumNotification? Current { get; private set; }

    public event EventHandler<bool>? QuorateChanged;

    public event EventHandler<QuorumNotification>? ViewChanged;

    /// <summary>A votequorum notification as corosync would send it (tests choose its ring and members).</summary>
    public void Publish(QuorumNotification view)
    {
        Current = view;
        ViewChanged?.Invoke(this, view);
        Set(view.IsQuorate);
    }

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
