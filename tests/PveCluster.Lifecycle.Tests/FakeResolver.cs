using System.Net;
using PveCluster.Lifecycle.Network;

namespace PveCluster.Lifecycle.Tests;

/// <summary>A resolver with a fixed table, in the order getaddrinfo would return the addresses.</summary>
public sealed class FakeResolver(Dictionary<string, string[]> table) : IHostNameResolver
{
    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostName, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IPAddress>>(
            table.TryGetValue(hostName, out var found) ? [.. found.Select(IPAddress.Parse)] : []);
}
