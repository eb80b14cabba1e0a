using FsCheck.Xunit;
using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>
/// Random operations on random nodes, interleaved with partitions, heals, restarts and corosync
/// crashes landing anywhere between the deliveries of a message, in a run fully determined by the
/// seed FsCheck picks. Asserted: no write is acknowledged before a quorum holds it, every
/// acknowledged write survives, the members hold identical trees once healed, no request hangs.
/// </summary>
public sealed class ConvergenceProperties
{
    private const int Nodes = 3;

    private static readonly string[] Paths =
    [
        "/a", "/b", "/a/c", "/f", "/a/g", "/b/h", "/a/c/i",
        "/nodes", "/nodes/n1", "/nodes/n1/qemu-server", "/nodes/n1/qemu-server/100.conf", "/nodes/n2", "/nodes/n2/qemu-server",
        "/nodes/n2/qemu-server/100.conf",
    ];

    [Property(MaxTest = 60)]
    public void Acknowledged_writes_survive_and_members_converge_once_healed(int seed) =>
        Task.Run(() => RunScenarioAsync(seed)).GetAwaiter().GetResult();

    private static async Task RunScenarioAsync(int seed)
    {
        var random = new Random(seed);
        await using var cluster = await SimulatedCluster.StartAsync(Nodes, seed);
        var requests = new List<(Task<CfsError> Result, bool Writable)>();
        var ledger = new AcknowledgementLedger(cluster);
        cluster.Simulator.AfterStep = ledger.Check;
        var stopped = new HashSet<uint>();
        var lost = new HashSet<uint>();

        for (var step = 0; step < 60; step++)
        {
            var node = (uint)random.Next(1, Nodes + 1);
            var action = random.Next(100);
            if (action < 30 && !stopped.Contains(node))
            {
                var tree = cluster[node].Tree;
                requests.Add((RandomOperation(tree, random), tree.IsWritable));
            }
            else if (action < 55 && !stopped.Contains(node))
            {
                var tree = cluster[node].Tree;
                requests.Add((ledger.Track(tree), tree.IsWritable));
            }
            else if (action < 65)
            {
                var groupOf = Enumerable.Range(1, Nodes).Select(_ => random.Next(2)).ToArray();
                cluster.Simulator.Partition(
                    Enumerable.Range(1, Nodes).Where(n => groupOf[n - 1] == 0).Select(n => (uint)n).ToArray(),
                    Enumerable.Range(1, Nodes).Where(n => groupOf[n - 1] == 1).Select(n => (uint)n).ToArray());
            }
            else if (action < 72)
            {
                cluster.Simulator.Heal();
            }
            else if (action < 77 && lost.Count == 0)
            {
                if (stopped.Remove(node))
                {
                    cluster.Restart(node);
                    ledger.Restarted(node);
                }
                else
                {
                    ledger.Stopping(node);
                    await cluster.StopAsync(node);
                    stopped.Add(node);
                }
            }
            else if (action < 82 && !stopped.Contains(node))
            {
                if (lost.Remove(node))
                {
                    cluster.Reconnect(node);
                }
                else
                {
                    cluster.LoseConnection(node);
                    lost.Add(node);
                }
            }
            else
            {
                await cluster.Simulator.RunStepsAsync(random.Next(1, 30));
            }
        }

        cluster.Simulator.Heal();
        foreach (var node in lost)
        {
            cluster.Reconnect(node);
        }

        await cluster.RunAsync();
        foreach (var node in stopped)
        {
            cluster.Restart(node);
            ledger.Restarted(node);
        }

        await cluster.RunAsync();
        cluster.AssertConverged();
        ledger.AssertAllSurvived();

        // Results are published through asynchronous continuations; give them a moment, not forever.
        await Task.WhenAll(requests.Select(r => r.Result)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(requests.Where(r => !r.Writable), r => Assert.Equal(CfsError.AccessDenied, r.Result.Result));

        // Healed, the cluster is writable again and the write reaches everybody.
        var probe = cluster[1].Tree.CreateFileAsync("/probe-" + seed, 1, CancellationToken.None);
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await probe);
        cluster.AssertConverged();
    }

    private static Task<CfsError> RandomOperation(ReplicatedConfigTree tree, Random random)
    {
        var path = Paths[random.Next(Paths.Length)];
        var ct = CancellationToken.None;
        return random.Next(8) switch
        {
            0 or 1 => tree.CreateFileAsync(path, random.Next(1000), ct),
            2 => tree.MakeDirectoryAsync(path, random.Next(1000), ct),
            3 or 4 => tree.WriteAsync(path, random.Next(8), new byte[random.Next(1, 16)].Select(_ => (byte)random.Next(256)).ToArray(), random.Next(1000), ct),
            5 => tree.DeleteAsync(path, ct),
            6 => tree.RenameAsync(path, Paths[random.Next(Paths.Length)], ct),
            _ => tree.TruncateAsync(path, random.Next(20), random.Next(1000), ct),
        };
    }
}
