namespace PveCluster.Lifecycle.Tests;

public sealed class FakeHost(string nodeName, string? resolved, params string[] addresses) : ILocalHost
{
    public string NodeName { get; } = nodeName;

    public IReadOnlyList<string> LocalAddresses() => ["127.0.0.1", "::1", .. addresses];

    public string? ResolveNodeAddress() => resolved;
}
