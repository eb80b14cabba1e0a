using System.Text.Json;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Views;

/// <summary>
/// <c>.members</c>: this node's name and, once a cluster is configured, the cluster name,
/// corosync config_version, node count, quorate flag and every node's id, online flag and address.
/// Without a cluster only nodename and version are present, as in pmxcfs.
/// </summary>
internal sealed class MembersFile(string nodeName, ClusterConfigurationSource configuration, IClusterMembershipView membership)
    : IGeneratedFile
{
    private readonly ChangeCounter<IReadOnlyList<MemberState>> _version = new(SequenceComparer<MemberState>.Instance);

    public bool IsWritable => false;

    public string Name => ".members";

    public uint Permissions => 0b100_100_000; // 0440

    /// <summary>The version the last render reported (also shown as "clinfo" in .version).</summary>
    public uint Version => _version.Version;

    public byte[] Render()
    {
        var cluster = configuration.Current;
        var quorate = membership.IsQuorate;
        var nodes = cluster?.Nodes
            .OrderBy(n => n.NodeId)
            .Select(n => new MemberState(n.Name, n.NodeId, membership.IsOnline(n.NodeId), n.Address))
            .ToList() ?? [];
        List<MemberState> fingerprint = [.. nodes, new MemberState(cluster?.ClusterName ?? "", (uint)(cluster?.ConfigVersion ?? 0), quorate, null)];
        var version = _version.Observe(fingerprint);

        return JsonView.Write(json =>
        {
            json.WriteString("nodename", nodeName);
            json.WriteNumber("version", version);
            if (cluster is null || nodes.Count == 0)
                return;

            json.WriteStartObject("cluster");
            json.WriteString("name", cluster.ClusterName);
            json.WriteNumber("version", cluster.ConfigVersion);
            json.WriteNumber("nodes", nodes.Count);
            json.WriteNumber("quorate", quorate ? 1 : 0);
            json.WriteEndObject();

            json.WriteStartObject("nodelist");
            foreach (var node in nodes)
                WriteNode(json, node);
            json.WriteEndObject();
        });
    }

    public CfsError Write(ReadOnlySpan<byte> content) => CfsError.AccessDenied;

    private static void WriteNode(Utf8JsonWriter json, MemberState node)
    {
        json.WriteStartObject(node.Name);
        json.WriteNumber("id", node.NodeId);
        json.WriteNumber("online", node.Online ? 1 : 0);
        if (node.Address is not null)
            json.WriteString("ip", node.Address);
        json.WriteEndObject();
    }

    private sealed record MemberState(string Name, uint NodeId, bool Online, string? Address);
}
