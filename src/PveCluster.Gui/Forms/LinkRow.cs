namespace PveCluster.Gui.Forms;

/// <summary>One row of the link editor: knet link number, this node's address on it, optional priority.</summary>
public sealed class LinkRow
{
    public int Number { get; set; }

    public string? Address { get; set; }

    /// <summary><c>knet_link_priority</c> 0..255, or null for corosync's default.</summary>
    public int? Priority { get; set; }

    /// <summary>The peer's address on this link, shown as a hint while joining.</summary>
    public string? PeerAddress { get; init; }

    /// <summary>Join's single-link case: blank means "the address this node's name resolves to".</summary>
    public bool AllowBlank { get; init; }
}
