namespace PveCluster.Api.Routing;

/// <summary>
/// Marks an endpoint whose handler needs root (PAM, <c>/etc/pve/priv</c>, writes to the cluster configuration,
/// corosync, the task registry): pveproxy authenticates, checks CSRF and parameters, then forwards the call to
/// pvedaemon over its local socket, and only pvedaemon runs the handler. Proxmox calls these "protected".
/// </summary>
public sealed class ProtectedEndpoint
{
    public static ProtectedEndpoint Instance { get; } = new();

    private ProtectedEndpoint()
    {
    }

    public static bool IsProtected(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<ProtectedEndpoint>() is not null;
}

/// <summary><c>.Protected()</c> on a route: see <see cref="ProtectedEndpoint"/>.</summary>
public static class ProtectedEndpointExtensions
{
    public static TBuilder Protected<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(ProtectedEndpoint.Instance);
    }
}
