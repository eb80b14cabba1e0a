using PveCluster.Core.Links;

namespace PveCluster.Core.Lifecycle;

/// <summary>What the link-change watch compares: quorum, members and this node's knet links, at one moment.</summary>
public sealed record ClusterHealth(bool IsQuorate, IReadOnlySet<uint> Members, KnetLinkStatus Links);

/// <summary>
/// The watch's rules after a link change: the cluster may not lose quorum or a member, and a link that was
/// added or readdressed must connect to every member before the grace period ends. Any violation rolls back.
/// </summary>
public static class LinkChangeWatch
{
    /// <summary>Why <paramref name="now"/> is worse than <paramref name="before"/>, or null.</summary>
    public static string? Worse(ClusterHealth before, ClusterHealth now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        if (before.IsQuorate && !now.IsQuorate)
        {
            return "this node lost quorum";
        }

        var lost = before.Members.Where(m => !now.Members.Contains(m)).Order().ToList();
        return lost.Count > 0 ? $"node id(s) {string.Join(", ", lost)} left the membership" : null;
    }

    /// <summary>Why the watched links are not up to every other member, or null when they are.</summary>
    public static string? LinksDown(ClusterHealth now, IEnumerable<int> watchedLinks, uint localNodeId)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(watchedLinks);
        var down = (from link in watchedLinks
                    from member in now.Members.Where(m => m != localNodeId).Order()
                    where !now.Links.IsConnected(member, link)
                    select $"link {link} to node id {member}").ToList();
        return down.Count > 0 ? $"not connected: {string.Join(", ", down)}" : null;
    }
}
