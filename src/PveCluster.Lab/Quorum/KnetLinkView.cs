using System.Globalization;
using System.Text.RegularExpressions;

namespace PveCluster.Lab.Quorum;

/// <summary>
/// Per-link peer connectivity as one node's knet sees it (`corosync-cfgtool -s`): which peers
/// are connected on which link. Shows knet failover, which never changes the membership.
/// </summary>
public sealed partial class KnetLinkView
{
    private readonly Dictionary<(int Link, int NodeId), string> _states;

    private KnetLinkView(Dictionary<(int Link, int NodeId), string> states)
    {
        _states = states;
    }

    /// <summary>The state word of a peer on a link ("connected", "disconnected", "localhost"), or null if unlisted.</summary>
    public string? State(int link, int nodeId) => _states.GetValueOrDefault((link, nodeId));

    public bool IsConnected(int link, int nodeId) => string.Equals(State(link, nodeId), "connected", StringComparison.Ordinal);

    public static KnetLinkView Parse(string text)
    {
        var states = new Dictionary<(int, int), string>();
        int? link = null;
        foreach (var line in text.Split('\n'))
        {
            if (LinkHeader().Match(line) is { Success: true } header)
            {
                link = int.Parse(header.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            }
            else if (link is { } current && PeerLine().Match(line) is { Success: true } peer)
            {
                states[(current, int.Parse(peer.Groups[1].ValueSpan, CultureInfo.InvariantCulture))] = peer.Groups[2].Value;
            }
        }
        return new KnetLinkView(states);
    }

    public override string ToString() =>
        string.Join(" ", _states.OrderBy(s => s.Key).Select(s => $"link{s.Key.Link}/node{s.Key.NodeId}={s.Value}"));

    [GeneratedRegex(@"^LINK ID (\d+)\b")]
    private static partial Regex LinkHeader();

    [GeneratedRegex(@"^\s*nodeid:\s*(\d+):\s*(\S+)")]
    private static partial Regex PeerLine();
}
