using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Tests.Persistence;
using PveCluster.Cfs.Tree;
using Xunit.Abstractions;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>N pmxcfs instances (each with its own SQLite file) over one <see cref="CpgSimulator"/>.</summary>
internal sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Dictionary<uint, SimulatedNode> _nodes = [];

    private readonly ITestOutputHelper? _output;

    private readonly TimeSpan? _acknowledgementTimeout;

    private SimulatedCluster(int size, int seed, ITestOutputHelper? output, TimeSpan? acknowledgementTimeout)
    {
        Simulator = new CpgSimulator(seed, size);
        _output = output;
        _acknowledgementTimeout = acknowledgementTimeout;
    }

    public CpgSimulator Simulator { get; }

    public IEnumerable<SimulatedNode> Nodes => _nodes.Values;

    public SimulatedNode this[uint nodeId] => _nodes[nodeId];

    /// <summary>Starts nodes 1..size and lets them sync.</summary>
    public static async Task<SimulatedCluster> StartAsync(int size, int seed, ITestOutputHelper? output = null, TimeSpan? acknowledgementTimeout = null)
    {
        var cluster = new SimulatedCluster(size, seed, output, acknowledgementTimeout);
        for (var id = 1u; id <= size; id++)
        {
            cluster._nodes[id] = cluster.StartNode(id);
        }

        await cluster.Simulator.RunUntilQuietAsync();
        return cluster;
    }

    /// <summary>Stops a node's pmxcfs (its database file stays).</summary>
    public async Task StopAsync(uint nodeId)
    {
        var node = _nodes[nodeId];
        Simulator.Disconnect(node.Group);
        await node.DisposeAsync();
    }

    /// <summary>
    /// Kills the node's pmxcfs: its disk keeps only what was committed at this instant (an orderly
    /// stop would commit more), as a kill -9 or power loss leaves it. Restart it with <see cref="Restart"/>.
    /// </summary>
    public async Task CrashAsync(uint nodeId)
    {
        var file = DatabasePath(nodeId);
        CrashImage.Take(file, file + ".crash");
        await StopAsync(nodeId);
        CrashImage.Take(file + ".crash", file);
    }

    /// <summary>The node's SQLite file.</summary>
    public string DatabasePath(uint nodeId) => _directory.File($"node{nodeId}/config.db");

    /// <summary>A new process for the node, reopening the same database file.</summary>
    public SimulatedNode Restart(uint nodeId)
    {
        var node = StartNode(nodeId);
        _nodes[nodeId] = node;
        return node;
    }

    public void LoseConnection(uint nodeId) => Simulator.LoseConnection(_nodes[nodeId].Group);

    public void Reconnect(uint nodeId) => Simulator.Reconnect(_nodes[nodeId].Group);

    public Task RunAsync() => Simulator.RunUntilQuietAsync();

    public void AssertConverged()
    {
        var nodes = Nodes.ToList();
        Assert.All(nodes, n => Assert.Equal(SyncMode.Synced, n.Tree.Mode));
        var digest = Convert.ToHexString(nodes[0].Database.ComputeDigest());
        Assert.All(nodes, n => Assert.Equal(digest, Convert.ToHexString(n.Database.ComputeDigest())));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }

        _directory.Dispose();
    }

    private SimulatedNode StartNode(uint nodeId)
    {
        var database = ConfigDatabase.Open(DatabasePath(nodeId), TreeLimits.Proxmox, NullLogger.Instance);
        var group = Simulator.Connect(nodeId);
        ILogger logger = _output is null ? NullLogger.Instance : new TestOutputLogger(_output, $"[{group.Self}]");
        var tree = new ReplicatedConfigTree(database, group, Simulator.QuorumOf(nodeId), Simulator.Votes, nodeId, logger,
            options: _acknowledgementTimeout is { } timeout ? new ReplicationOptions { AcknowledgementTimeout = timeout } : null);
        group.Attach(e => tree.HandleEventAsync(e, CancellationToken.None), () => tree.OnIdleAsync(CancellationToken.None));
        return new SimulatedNode(nodeId, database, group, tree);
    }
}

internal sealed class SimulatedNode(uint nodeId, ConfigDatabase database, SimulatedCpgGroup group, ReplicatedConfigTree tree) : IAsyncDisposable
{
    private bool _disposed;

    public uint NodeId { get; } = nodeId;

    public ConfigDatabase Database { get; } = database;

    public SimulatedCpgGroup Group { get; } = group;

    public ReplicatedConfigTree Tree { get; } = tree;

    public Task<CfsError> Create(string path) => Tree.CreateFileAsync(path, 100, CancellationToken.None);

    public Task<CfsError> Mkdir(string path) => Tree.MakeDirectoryAsync(path, 100, CancellationToken.None);

    public Task<CfsError> Write(string path, string text) => Tree.WriteAsync(path, 0, Encoding.UTF8.GetBytes(text), 200, CancellationToken.None);

    public Task<CfsError> Delete(string path) => Tree.DeleteAsync(path, CancellationToken.None);

    public Task<CfsError> Rename(string from, string to) => Tree.RenameAsync(from, to, CancellationToken.None);

    public string? Text(string path) => Tree.ReadFile(path) is { } data ? Encoding.UTF8.GetString(data.Span) : null;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Tree.DisposeAsync();
        Database.Dispose();
    }
}
