namespace PveCluster.Lifecycle.Network;

/// <summary>A node the preflight runs its probe on: this node directly, the others over SSH at <see cref="SshAddress"/>.</summary>
public sealed record PreflightNode(string Name, string? SshAddress)
{
    public bool IsLocal => SshAddress is null;
}
