namespace PveCluster.Lab;

/// <summary>What `pvelab up` builds: node count, knet links and the corosync.conf knobs.</summary>
public sealed record LabOptions
{
    public const int MaxNodes = 99;

    public int NodeCount { get; init; } = 3;

    /// <summary>1 or 2 knet links (one bridge each).</summary>
    public int Links { get; init; } = 1;

    /// <summary>knet_link_priority per link, or null for corosync's default. knet prefers the highest number.</summary>
    public IReadOnlyList<int>? LinkPriorities { get; init; }

    /// <summary>totem.token in ms, or null for corosync's default (3000).</summary>
    public int? TokenMs { get; init; }

    /// <summary>quorum.two_node; null = not written (what pvecm does). Only for experiments: with it a split two-node cluster stays quorate on both sides.</summary>
    public bool? TwoNode { get; init; }

    public string ClusterName { get; init; } = "labcluster";

    /// <summary>The lab password `up` sets for root in every node's private /etc/shadow.</summary>
    public const string DefaultRootPassword = "labroot";

    /// <summary>
    /// Start the node daemons once the namespaces exist: sshd everywhere, corosync unless
    /// <see cref="Standalone"/>, and (with <see cref="StartPveServices"/>) pmxcfs, pvedaemon and pveproxy.
    /// </summary>
    public bool StartCorosync { get; init; } = true;

    /// <summary>
    /// Fresh hosts instead of a cluster: no corosync.conf, no authkey, no corosync, pmxcfs in local
    /// mode; ready for `pvecm create` on one node and `pvecm add` on the others.
    /// </summary>
    public bool Standalone { get; init; }

    /// <summary>Start pmxcfs (pve-cluster), pvedaemon and pveproxy on every node when their binaries are in the artifacts directory.</summary>
    public bool StartPveServices { get; init; } = true;

    /// <summary>root's password inside every node (PAM logins, `pvecm add --password-file`).</summary>
    public string RootPassword { get; init; } = DefaultRootPassword;

    /// <summary>
    /// Add an external QDevice arbiter: a non-member host (own namespaces on link0, address .100, host
    /// name qnetd) running sshd and Debian's corosync-qnetd, reachable by SSH as root like a real server.
    /// </summary>
    public bool Qnetd { get; init; }

    /// <summary>Directory with the published pvecm/pmxcfs binaries, prepended to PATH inside nodes.</summary>
    public string? ArtifactsDirectory { get; init; }

    /// <summary>Throws <see cref="LabException"/> with a readable message for impossible settings.</summary>
    public void Validate()
    {
        if (NodeCount is < 1 or > MaxNodes)
        {
            throw new LabException($"node count must be 1..{MaxNodes}, got {NodeCount}");
        }
        if (Links is not (1 or 2))
        {
            throw new LabException($"--links must be 1 or 2, got {Links}");
        }
        if (LinkPriorities is not null && LinkPriorities.Count != Links)
        {
            throw new LabException($"--prio needs one priority per link ({Links}), got {LinkPriorities.Count}");
        }
        if (LinkPriorities?.Any(p => p is < 0 or > 255) == true)
        {
            throw new LabException("knet link priorities must be 0..255");
        }
        if (string.IsNullOrEmpty(RootPassword) || RootPassword.Any(char.IsControl))
        {
            throw new LabException("the root password must be non-empty and free of control characters");
        }
        if (TokenMs is <= 0)
        {
            throw new LabException($"--token must be positive, got {TokenMs}");
        }
        if (string.IsNullOrEmpty(ClusterName) || ClusterName.Length > 15
            || !ClusterName.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
        {
            throw new LabException($"cluster name '{ClusterName}' must be 1..15 characters of [A-Za-z0-9_-]");
        }
    }
}
