namespace PveCluster.Core.Links;

/// <summary>What a link address is written as.</summary>
public enum LinkAddressKind
{
    /// <summary>An IPv4 literal such as <c>10.0.0.1</c>.</summary>
    IPv4,

    /// <summary>An IPv6 literal such as <c>fd00::1</c>.</summary>
    IPv6,

    /// <summary>A DNS host name; corosync resolves it at start, which is why IP literals are recommended.</summary>
    HostName,
}
