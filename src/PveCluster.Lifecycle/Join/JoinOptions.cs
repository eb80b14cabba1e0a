using PveCluster.Core.Links;

namespace PveCluster.Lifecycle.Join;

/// <summary>The options of a join (<c>pvecm add</c>, <c>POST /cluster/config/join</c>); the API passes the password itself.</summary>
public sealed record JoinOptions(
    string Host,
    IReadOnlyList<LinkSpec> Links,
    string? Fingerprint = null,
    bool Force = false,
    ulong? NodeId = null,
    ulong? Votes = null,
    string? PasswordFile = null,
    string? Password = null)
{
    public const int ApiPort = 8006;

    /// <summary>Proxmox JOIN_API_VERSION; peers one version older or newer are accepted.</summary>
    public const int JoinApiVersion = 1;

    public const int JoinApiAge = 1;
}
