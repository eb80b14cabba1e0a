namespace PveCluster.Core.Quorum;

/// <summary>How node ids are printed.</summary>
public enum NodeIdFormat
{
#pragma warning disable CA1720 // "Decimal" names the number base here, not the .NET type.
    /// <summary>Right-aligned decimal (corosync-quorumtool default, <c>pvecm nodes</c>).</summary>
    Decimal,
#pragma warning restore CA1720

    /// <summary><c>0x%08x</c> (<c>-H</c>, <c>pvecm status</c>).</summary>
    Hex,
}
