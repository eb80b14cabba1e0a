using System.Globalization;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>
/// Seeded random disruptions of a pmxcfs lab: a node or two cut off for 4-20 s (sometimes with a
/// crash inside the cut), kill -9 of pmxcfs or of corosync with a restart. After each action it
/// waits until the whole cluster is quorate and every pmxcfs serves again. Everything it does goes
/// to <see cref="Events"/> and the <see cref="QuorumTimeline"/>; a cluster that does not recover is
/// recorded in <see cref="Problems"/> and ends the run (the final checks still run).
/// </summary>
public sealed class ChaosScheduler(PmxcfsCluster cluster, Random random)
{
    private readonly LabCluster _lab = cluster.Lab;
    private readonly List<string> _events = [];
    private readonly List<string> _problems = [];
    private readonly HashSet<int> _pmxcfsDown = [];
    private readonly Dictionary<string, int> _actionCounts = new(StringComparer.Ordinal);

    public QuorumTimeline Timeline { get; } = new([.. cluster.Lab.Nodes]);

    public IReadOnlyList<string> Events => _events;

    public IReadOnlyList<string> Problems => _problems;

    public IReadOnlyDictionary<string, int> ActionCounts => _actionCounts;

    /// <summary>Runs random actions until <paramref name="duration"/> has passed (the action under way finishes).</summary>
    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            // A calm spell first: the writers get going, and a rejoined node takes part again before the next hit.
            await PauseAsync(1, 3, cancellationToken);
            var action = "";
            try
            {
                action = await RunOneAsync(cancellationToken);
                await RecoverAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _problems.Add($"{ChaosClock.Format(ChaosClock.Now())} after '{action}': {e.GetType().Name}: {e.Message}");
                return;
            }
        }
    }

    /// <summary>Undoes whatever an interrupted run left behind: heals every cut, restarts corosync and pmxcfs.</summary>
    public async Task RestoreAllAsync(CancellationToken cancellationToken)
    {
        foreach (var node in Timeline.CutNodes.ToList())
        {
            await HealAsync(node, cancellationToken);
        }
        foreach (var node in Timeline.CorosyncDownNodes.ToList())
        {
            await StartCorosyncAsync(node, cancellationToken);
        }
        foreach (var node in _pmxcfsDown.ToList())
        {
            await StartPmxcfsAsync(node, cancellationToken);
        }
    }

    /// <summary>Waits until every node is quorate with all members and every pmxcfs serves that view.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await ClusterWait.ForWholeClusterAsync(_lab, cancellationToken);
        foreach (var node in _lab.Nodes)
        {
            await cluster.WaitReadyAsync(node, cancellationToken);
        }
    }

    private async Task<string> RunOneAsync(CancellationToken cancellationToken)
    {
        var pick = random.NextDouble();
        var node = RandomNode();
        if (pick < 0.45)
        {
            return await CutAsync([node], cancellationToken);
        }
        if (pick < 0.60)
        {
            return await CutAsync([node, RandomNode(except: node)], cancellationToken);
        }
        if (pick < 0.80)
        {
            Count("kill -9 pmxcfs");
            await KillPmxcfsAsync(node, cancellationToken);
            await PauseAsync(0.5, 3, cancellationToken);
            await StartPmxcfsAsync(node, cancellationToken);
            return $"kill -9 pmxcfs on n{node}";
        }
        Count("kill -9 corosync");
        await KillCorosyncAsync(node, cancellationToken);
        await PauseAsync(1, 6, cancellationToken);
        await StartCorosyncAsync(node, cancellationToken);
        return $"kill -9 corosync on n{node}";
    }

    /// <summary>Cuts the nodes off for 4-20 s; in a third of the cuts a daemon on some node crashes and restarts meanwhile.</summary>
    private async Task<string> CutAsync(IReadOnlyList<int> nodes, CancellationToken cancellationToken)
    {
        Count(nodes.Count == 1 ? "cut one node" : "cut two nodes");
        var hold = TimeSpan.FromSeconds(4 + (random.NextDouble() * 16));
        var name = $"cut {string.Join("+", nodes.Select(n => $"n{n}"))} for {hold.TotalSeconds:0.0} s";
        var healAt = DateTime.UtcNow;
        foreach (var node in nodes)
        {
            await CutOneAsync(node, cancellationToken);
        }
        healAt += hold;
        if (random.NextDouble() < 1.0 / 3)
        {
            var victim = RandomNode();
            var corosync = random.NextDouble() < 0.5;
            await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * hold.TotalSeconds / 2), cancellationToken);
            Count(corosync ? "kill -9 corosync inside a cut" : "kill -9 pmxcfs inside a cut");
            if (corosync)
            {
                await KillCorosyncAsync(victim, cancellationToken);
                await PauseAsync(1, 3, cancellationToken);
                await StartCorosyncAsync(victim, cancellationToken);
            }
            else
            {
                await KillPmxcfsAsync(victim, cancellationToken);
                await PauseAsync(0.5, 2, cancellationToken);
                await StartPmxcfsAsync(victim, cancellationToken);
            }
            name += $", kill -9 {(corosync ? "corosync" : "pmxcfs")} on n{victim} inside";
        }
        var rest = healAt - DateTime.UtcNow;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, cancellationToken);
        }
        foreach (var node in nodes)
        {
            await HealAsync(node, cancellationToken);
        }
        return name;
    }

    private Task CutOneAsync(int node, CancellationToken cancellationToken) =>
        ActAsync($"cut n{node}", () => _lab.CutAsync(node, link: null, drop: false, cancellationToken),
            (start, end, what) => Timeline.Cut(node, start, end, what));

    private Task HealAsync(int node, CancellationToken cancellationToken) =>
        ActAsync($"heal n{node}", () => _lab.HealAsync(node, link: null, cancellationToken),
            (start, end, what) => Timeline.Heal(node, start, end, what));

    private Task KillCorosyncAsync(int node, CancellationToken cancellationToken) =>
        ActAsync($"kill -9 corosync on n{node}", () => _lab.StopCorosyncAsync(node, kill: true, cancellationToken),
            (start, end, what) => Timeline.CorosyncKilled(node, start, end, what));

    private Task StartCorosyncAsync(int node, CancellationToken cancellationToken) =>
        ActAsync($"start corosync on n{node}", () => _lab.StartCorosyncAsync(node, cancellationToken),
            (start, end, what) => Timeline.CorosyncStarted(node, start, end, what));

    private Task KillPmxcfsAsync(int node, CancellationToken cancellationToken) =>
        ActAsync($"kill -9 pmxcfs on n{node}", () => cluster.StopAsync(node, kill: true, cancellationToken),
            (_, _, _) => _pmxcfsDown.Add(node));

    private Task StartPmxcfsAsync(int node, CancellationToken cancellationToken) =>
        ActAsync($"start pmxcfs on n{node}", () => cluster.StartAsync(node, cancellationToken),
            (_, _, _) => _pmxcfsDown.Remove(node));

    private async Task ActAsync(string what, Func<Task> act, Action<double, double, string> record)
    {
        var start = ChaosClock.Now();
        await act();
        var end = ChaosClock.Now();
        record(start, end, what);
        _events.Add($"{ChaosClock.Format(start)} .. {ChaosClock.Format(end)} {what}");
    }

    private Task PauseAsync(double minSeconds, double maxSeconds, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromSeconds(minSeconds + (random.NextDouble() * (maxSeconds - minSeconds))), cancellationToken);

    private int RandomNode(int except = 0)
    {
        var candidates = _lab.Nodes.Where(n => n != except).ToList();
        return candidates[random.Next(candidates.Count)];
    }

    private void Count(string kind) =>
        _actionCounts[kind] = _actionCounts.GetValueOrDefault(kind) + 1;

    public override string ToString() =>
        string.Join(", ", _actionCounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Value}× {a.Key}")));
}
