namespace PveCluster.Core.Quorum;

/// <summary>What the Name column shows.</summary>
public enum MemberNameFormat
{
    /// <summary>The nodelist name, falling back to the address when the node has none.</summary>
    Name,

    /// <summary>The address (<c>-i</c>, used by <c>pvecm status</c>).</summary>
    Address,
}
