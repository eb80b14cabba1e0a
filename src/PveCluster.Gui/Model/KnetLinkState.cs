using System.Text.Json.Nodes;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Model;

/// <summary>
/// One knet link from this node to a peer (GET /nodes/{node}/corosync/links, from corosync's cmap stats):
/// connected and enabled state, the peer's address on it and the average latency (knet reports microseconds).
/// </summary>
public sealed record KnetLinkState(string Peer, long PeerId, int Link, string? Address, bool Connected, bool Enabled, double? LatencyMs)
{
    /// <summary>Configured but not carrying: down links are what an administrator must see first.</summary>
    public bool IsDown => !Connected || !Enabled;

    public static IReadOnlyList<KnetLinkState> ListFrom(JsonNode? data) =>
        [.. JsonRead.Objects(data)
            .Select(e => new KnetLinkState(
                JsonRead.Text(e, "node") ?? "",
                JsonRead.Number(e, "nodeid") ?? 0,
                (int)(JsonRead.Number(e, "link") ?? 0),
                JsonRead.Text(e, "address"),
                JsonRead.Flag(e, "connected"),
                JsonRead.Flag(e, "enabled"),
                JsonRead.Real(e, "latency_ave") / 1000.0))
            .OrderBy(l => l.PeerId).ThenBy(l => l.Link)];
}
