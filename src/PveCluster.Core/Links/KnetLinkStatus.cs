using System.Globalization;
using System.Text.RegularExpressions;

namespace PveCluster.Core.Links;

/// <summary>One knet link from this node to a peer, as <c>corosync-cfgtool -n</c> prints it.</summary>
public sealed record KnetPeerLink(uint NodeId, int Link, string Source, string Destination, bool IsConnected, int? Mtu);

/// <summary>
/// This node's knet links to every peer (<c>corosync-cfgtool -n</c>): which link reaches which node right now.
/// A link that is enabled but not <c>connected</c> has no working path (knet pings get no answer).
/// </summary>
public sealed partial class KnetLinkStatus
{
    private KnetLinkStatus(IReadOnlyList<KnetPeerLink> links) => Links = links;

    public static KnetLinkStatus Empty { get; } = new([]);

    public IReadOnlyList<KnetPeerLink> Links { get; }

    /// <summary>True when this node reaches <paramref name="nodeId"/> over <paramref name="link"/>.</summary>
    public bool IsConnected(uint nodeId, int link) => Links.Any(l => l.NodeId == nodeId && l.Link == link && l.IsConnected);

    /// <summary>Parses <c>corosync-cfgtool -n</c>; lines it does not know are skipped.</summary>
    public static KnetLinkStatus Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var links = new List<KnetPeerLink>();
        uint? node = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (NodeLine().Match(line) is { Success: true } n)
            {
                node = uint.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if (node is { } id && LinkLine().Match(line) is { Success: true } l)
            {
                var flags = l.Groups[4].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                int? mtu = MtuPart().Match(line) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
                links.Add(new KnetPeerLink(
                    id, int.Parse(l.Groups[1].Value, CultureInfo.InvariantCulture), l.Groups[2].Value, l.Groups[3].Value,
                    flags.Contains("connected", StringComparer.Ordinal), mtu));
            }
        }

        return new KnetLinkStatus(links);
    }

    [GeneratedRegex(@"^nodeid:?\s+(\d+)")]
    private static partial Regex NodeLine();

    [GeneratedRegex(@"^LINK:?\s+(\d+)\s+\S+\s+\((.*?)->(.*?)\)\s*(.*)$")]
    private static partial Regex LinkLine();

    [GeneratedRegex(@"mtu:?\s+(\d+)")]
    private static partial Regex MtuPart();
}
