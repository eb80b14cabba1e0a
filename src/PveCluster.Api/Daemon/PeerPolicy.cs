namespace PveCluster.Api.Daemon;

/// <summary>
/// Who may talk to pvedaemon: root and the proxy's user (www-data), decided by the uid the kernel reports for the
/// connecting process. Group membership does not count: a process that only shares www-data's group (and so passes
/// the socket's file mode) is still refused.
/// </summary>
public sealed class PeerPolicy(IReadOnlySet<uint> allowedUids)
{
    public const uint RootUid = 0;

    public IReadOnlySet<uint> AllowedUids { get; } = allowedUids;

    public static PeerPolicy RootAnd(SystemAccount proxyUser)
    {
        ArgumentNullException.ThrowIfNull(proxyUser);
        return new PeerPolicy(new HashSet<uint> { RootUid, proxyUser.Uid });
    }

    public bool Allows(PeerCredentials? peer) => peer is { } known && AllowedUids.Contains(known.Uid);
}
