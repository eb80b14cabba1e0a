namespace PveCluster.Gui.Model;

/// <summary>
/// One knet link between two nodes, as both ends report it: <see cref="FromA"/> is node A's view of its link to B,
/// <see cref="FromB"/> B's view of the same link to A (null when that node could not be asked).
/// </summary>
public sealed record LinkPair(string A, string B, int Link, KnetLinkState? FromA, KnetLinkState? FromB)
{
    /// <summary>A's address on this link (B reports it), and B's (A reports it).</summary>
    public string? AddressA => FromB?.Address;

    public string? AddressB => FromA?.Address;

    /// <summary>Down when either end reports it down: knet needs both directions to carry traffic.</summary>
    public bool IsDown => FromA is { IsDown: true } || FromB is { IsDown: true };

    /// <summary>Only one end could be asked, and it reports the link up.</summary>
    public bool IsPartlyKnown => !IsDown && (FromA is null || FromB is null);

    public string State => IsDown ? "down" : IsPartlyKnown ? "connected (one end)" : "connected";
}
