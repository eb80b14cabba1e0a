using System.Net;

namespace PveCluster.Lifecycle.Network;

/// <summary>Resolves host names the way corosync would (getaddrinfo order); faked in tests.</summary>
public interface IHostNameResolver
{
    /// <summary>The addresses of <paramref name="hostName"/> in resolver order; empty when it does not resolve.</summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostName, CancellationToken cancellationToken);
}
