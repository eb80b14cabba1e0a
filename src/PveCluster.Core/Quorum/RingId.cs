using System.Globalization;

namespace PveCluster.Core.Quorum;

/// <summary>A totem ring id: the representative node id and the ring sequence number.</summary>
/// <param name="NodeId">The node that formed the ring.</param>
/// <param name="Sequence">The ring sequence number.</param>
public readonly record struct RingId(uint NodeId, ulong Sequence)
{
    /// <summary>The corosync 3 text form, both parts in lower-case hex: <c>1.d</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{NodeId:x}.{Sequence:x}");

    /// <summary>Parses the <c>nodeid.seq</c> hex form printed by corosync-quorumtool.</summary>
    /// <exception cref="FormatException">Not in that form.</exception>
    public static RingId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0
            && uint.TryParse(text.AsSpan(0, dot), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var node)
            && ulong.TryParse(text.AsSpan(dot + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seq))
        {
            return new RingId(node, seq);
        }

        throw new FormatException($"ring id must look like '<hex node id>.<hex sequence>', got '{text}'");
    }
}
