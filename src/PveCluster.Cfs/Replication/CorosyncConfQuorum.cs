using System.Text;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Persistence;
using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Quorum;

namespace PveCluster.Cfs.Replication;

/// <summary>
/// Quorum by the votes of the cluster's corosync.conf: the nodelist's quorum_votes (default 1),
/// expected_votes when set, two_node. The tree's /corosync.conf is used (identical on every synced
/// member); before it exists (while the cluster is being created), or when it does not parse, the
/// node-local file is (the one corosync runs with).
///
/// Deliberately not counted here: a QDevice's vote and a runtime expected-votes override
/// (<c>pvecm expected</c>). Neither is visible in the CPG membership, and reading them from this
/// node's votequorum would race its notifications against the membership, which is exactly what lets
/// two partitions both acknowledge writes. The membership takes votequorum's verdict only at a point
/// of the ordered stream where all its members reported it (<c>ReplicatedConfigTree.Verdicts.cs</c>),
/// or as a member alone for its current ring (<c>ReplicatedConfigTree.Alone.cs</c>).
/// </summary>
internal sealed class CorosyncConfQuorum(ConfigDatabase database, string localConfPath, ILogger logger) : IVoteQuorum
{
    private const string TreeConfPath = "/corosync.conf";

    private readonly Lock _lock = new();
    private ulong? _treeVersion;
    private VotequorumConfig? _fromTree;
    private long? _localWriteTicks;
    private VotequorumConfig? _fromLocal;

    public bool IsQuorate(IReadOnlyCollection<uint> nodeIds)
    {
        if (Current() is not { } config)
        {
            // No configuration at all: nothing says how many votes there are. Every member counts
            // and the membership is its own majority (a cluster being created has one node).
            return nodeIds.Count > 0;
        }

        var known = config.Nodes.Select(n => n.NodeId).ToHashSet();
        return VotequorumCalculator.Evaluate(config, nodeIds.Where(known.Contains)).IsQuorate;
    }

    /// <summary>
    /// The tree's configuration; the node-local one when the tree has none or an unusable one. Each is
    /// parsed once per version: the writer's quorum check runs for every acknowledgement, and the local
    /// file (a stat per check) is only looked at while the tree has no usable configuration.
    /// </summary>
    private VotequorumConfig? Current()
    {
        var treeEntry = database.GetEntry(TreeConfPath);
        lock (_lock)
        {
            if (treeEntry?.Version != _treeVersion)
            {
                _treeVersion = treeEntry?.Version;
                var tree = treeEntry is null ? null : database.ReadFile(TreeConfPath) is { } data ? Encoding.UTF8.GetString(data.Span) : null;
                _fromTree = Parse(tree, "the cluster's corosync.conf");
            }

            if (_fromTree is { } fromTree)
            {
                return fromTree;
            }

            var localWriteTicks = File.GetLastWriteTimeUtc(localConfPath).Ticks;
            if (localWriteTicks != _localWriteTicks)
            {
                _localWriteTicks = localWriteTicks;
                _fromLocal = Parse(File.Exists(localConfPath) ? File.ReadAllText(localConfPath) : null, localConfPath);
            }

            return _fromLocal;
        }
    }

    private VotequorumConfig? Parse(string? text, string source)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            var config = QuorumModel.From(CorosyncConfig.Parse(text));
            return config.Nodes.Count > 0 ? config : null;
        }
        catch (FormatException e)
        {
            logger.LogWarning("cannot count votes from {Source}: {Reason}", source, e.Message);
            return null;
        }
    }
}
