using PveCluster.Api.Envelope;

namespace PveCluster.Api.PveFiles;

/// <summary>
/// Whether the cluster file system is there to be read. While a create or join restarts pmxcfs, /etc/pve is for a few
/// seconds an empty mount point, then (after a join) a tree that has not synced yet: every node's tree always holds
/// <c>authkey.pub</c> (the API creates it at its first start, a join brings the cluster's), so its absence means
/// "not mounted or not synced yet", and a read that failed in that moment is answered 503 with a retry hint instead
/// of a 500.
/// </summary>
public static class ClusterFsAvailability
{
    /// <summary>Seconds a client should wait before asking again: a remount takes a few seconds.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>False when /etc/pve is not mounted, not synced yet, or its FUSE daemon is gone (stat fails).</summary>
    public static bool IsAvailable(PveDirectory pveDir)
    {
        ArgumentNullException.ThrowIfNull(pveDir);
        return File.Exists(pveDir.AuthPublicKey);
    }

    public static ApiException Unavailable(PveDirectory pveDir)
    {
        ArgumentNullException.ThrowIfNull(pveDir);
        return new ApiException(StatusCodes.Status503ServiceUnavailable,
            $"cluster file system not available ('{pveDir.Root}' is being remounted or pmxcfs is not running); " +
            $"retry in {RetryAfter.TotalSeconds:0} seconds")
        {
            ReasonPhrase = "cluster file system not available, retry later",
            RetryAfter = RetryAfter,
        };
    }
}
