using System.Text.Json.Nodes;
using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Quorum;
using PveCluster.Corosync.Votequorum;

namespace PveCluster.Api.Cluster;

/// <summary>
/// The body of <c>GET /nodes/{node}/corosync/quorum</c>: votequorum's figures as this node sees its partition, next to
/// what corosync.conf configures, so a runtime <c>pvecm expected</c> override shows as a difference.
/// </summary>
public static class QuorumDocument
{
    public static JsonObject Build(VotequorumReading reading, CorosyncConfig config)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(config);
        var local = reading.Local;
        var configured = QuorumModel.From(config);
        var document = new JsonObject
        {
            ["nodeid"] = local.NodeId,
            ["quorate"] = local.IsQuorate ? 1 : 0,
            ["expected_votes"] = local.ExpectedVotes,
            ["highest_expected"] = local.HighestExpected,
            ["total_votes"] = local.TotalVotes,
            ["quorum"] = local.Quorum,
            ["config_expected_votes"] = configured.ConfiguredExpectedVotes,
            ["flags"] = new JsonArray([.. VotequorumFlagNames.Describe(local.Flags).Select(f => (JsonNode)f)]),
            ["nodes"] = Nodes(reading, config),
        };
        if (Qdevice(local, configured.Qdevice) is { } qdevice)
        {
            document["qdevice"] = qdevice;
        }

        return document;
    }

    /// <summary>Every configured node with its votes and votequorum state (unknown when votequorum has not seen it).</summary>
    private static JsonArray Nodes(VotequorumReading reading, CorosyncConfig config)
    {
        var nodes = new JsonArray();
        foreach (var node in config.Nodes.Where(n => n.NodeId is > 0 and <= uint.MaxValue).OrderBy(n => n.NodeId))
        {
            var id = (uint)node.NodeId!.Value;
            var info = reading.Nodes.GetValueOrDefault(id);
            var row = new JsonObject
            {
                ["nodeid"] = id,
                ["name"] = node.Name,
                ["votes"] = info?.NodeVotes ?? node.QuorumVotes ?? 1,
                ["state"] = (info?.NodeState ?? VotequorumNodeState.Unknown).ToString().ToLowerInvariant(),
                ["local"] = id == reading.Local.NodeId ? 1 : 0,
            };
            nodes.Add(row);
        }

        return nodes;
    }

    /// <summary>The quorum device when one is configured or registered: its votes and whether it is alive and voting.</summary>
    private static JsonObject? Qdevice(VotequorumInfo local, QdeviceSettings? configured)
    {
        if (!local.HasQdevice && configured is null)
        {
            return null;
        }

        return new JsonObject
        {
            ["name"] = local.HasQdevice ? local.QdeviceName : null,
            ["votes"] = local.HasQdevice ? local.QdeviceVotes : configured!.Votes,
            ["registered"] = local.HasQdevice ? 1 : 0,
            ["alive"] = local.Flags.HasFlag(VotequorumFlags.QdeviceAlive) ? 1 : 0,
            ["cast_vote"] = local.Flags.HasFlag(VotequorumFlags.QdeviceCastVote) ? 1 : 0,
            ["master_wins"] = local.Flags.HasFlag(VotequorumFlags.QdeviceMasterWins) ? 1 : 0,
        };
    }
}
