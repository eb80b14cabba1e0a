namespace PveCluster.Lifecycle.Links;

/// <summary>What kind of link change (<c>pvecm link add|set|remove</c>).</summary>
public enum LinkChangeKind
{
    Add,
    Set,
    Remove,
}

/// <summary>
/// A link change as entered: addresses may be host names (resolved before planning), and an added link may give a
/// CIDR instead, from which each node's own address is taken.
/// </summary>
/// <param name="Kind">Add, set or remove.</param>
/// <param name="Link">The link number, 0..7.</param>
/// <param name="Priority">A new knet_link_priority (add, set).</param>
/// <param name="ClearPriority">Remove the link's priority (set).</param>
/// <param name="NodeAddresses">NODE=ADDRESS pairs: every node for add, one node for set.</param>
/// <param name="Network">For add: a CIDR in which every node has exactly one address.</param>
/// <param name="SkipPreflight">Skip the network checks (tests, experts).</param>
/// <param name="Grace">How long the result is watched before it is kept.</param>
public sealed record LinkChangeOptions(
    LinkChangeKind Kind,
    int Link,
    int? Priority = null,
    bool ClearPriority = false,
    IReadOnlyList<KeyValuePair<string, string>>? NodeAddresses = null,
    string? Network = null,
    bool SkipPreflight = false,
    TimeSpan? Grace = null)
{
    public static TimeSpan DefaultGrace { get; } = TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveGrace => Grace ?? DefaultGrace;
}
