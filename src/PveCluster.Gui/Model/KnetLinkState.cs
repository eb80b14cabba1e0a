using System.Text.Json.Nodes;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Model;

/// <summary>
/// One knet link from this node to a peer (GET /nodes/{node}/corosync/links, from corosync's cmap stats):
/// connected and enabled state and the average latency.
/// </summary>
public sealed record KnetLinkState(string Peer, long PeerId, int Link, bool Connected, bool Enabled, double? LatencyMs)
{
    /// <summary>Configured but not carrying: down links are what an administrator must see first.</summary>
    public bool IsDown => !Connected || !Enabled;

    public static IReadOnlyList<KnetLinkState> ListFrom(JsonNode? data) =>
        [.. JsonRead.Objects(data)
            .Select(e => new KnetLinkState(
                JsonRead.Text(e, "node") ?? JsonRead.Text(e, "name") ?? "",
                JsonRead.Number(e, "nodeid") ?? 0,
                (int)(JsonRead.Number(e, "link") ?? JsonRead.Number(e, "linknumber") ?? 0),
                JsonRead.Flag(e, "connected"),
                JsonRead.Flag(e, "enabled"),
                JsonRead.Real(e, "latency") ?? JsonRead.Real(e, "latency_ave")))
            .OrderBy(l => l.PeerId).ThenBy(l => l.Link)];
}
