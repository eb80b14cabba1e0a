namespace PveCluster.Lifecycle;

/// <summary>Facts about this host that the lifecycle plans need; faked in tests.</summary>
public interface ILocalHost
{
    /// <summary>This node's name: the host name up to the first dot, as pmxcfs derives it.</summary>
    string NodeName { get; }

    /// <summary>IP addresses configured on this host's interfaces (loopback included, as <c>ip addr</c> lists them).</summary>
    IReadOnlyList<string> LocalAddresses();

    /// <summary>What the node name resolves to (IPv4 preferred), or null when it does not resolve.</summary>
    string? ResolveNodeAddress();
}
