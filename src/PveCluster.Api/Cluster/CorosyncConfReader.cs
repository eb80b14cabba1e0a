using System.Security.Cryptography;
using PveCluster.Api.Envelope;
using PveCluster.Api.PveFiles;
using PveCluster.Core.CorosyncConf;

namespace PveCluster.Api.Cluster;

/// <summary>Reads the cluster's corosync.conf from the pve-dir; its absence means the node is standalone.</summary>
public sealed class CorosyncConfReader(PveDirectory pveDir, ILogger<CorosyncConfReader> logger)
{
    /// <summary>The parsed file, or null when the node is not in a cluster.</summary>
    /// <exception cref="ApiException">The file exists but cannot be parsed (500, with the line number).</exception>
    public CorosyncConfig? TryRead() => TryReadWithDigest()?.Config;

    /// <summary>
    /// The cluster name for informational answers (the login): null when standalone or when the file cannot be
    /// parsed, so a mistyped corosync.conf never locks the administrator out of the API that could fix it.
    /// </summary>
    public string? TryReadClusterName()
    {
        try
        {
            return TryRead()?.Totem?.ClusterName;
        }
        catch (Exception e) when (e is ApiException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // ArgumentException: odd bytes the parser does not yet turn into its own error; still not the login's problem.
            logger.LogWarning("cluster name unavailable: {Problem}", e.Message);
            return null;
        }
    }

    /// <summary>The parsed file and a digest of its exact bytes, so clients can detect concurrent changes.</summary>
    public (CorosyncConfig Config, string Digest)? TryReadWithDigest()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(pveDir.CorosyncConf);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        try
        {
            var config = CorosyncConfig.Parse(System.Text.Encoding.UTF8.GetString(bytes));
            return (config, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (ConfParseException e)
        {
            throw new ApiException(StatusCodes.Status500InternalServerError, $"cannot parse {pveDir.CorosyncConf}: {e.Message}");
        }
    }

    /// <summary>Like <see cref="TryReadWithDigest"/>, but a standalone node is an error (424, as Proxmox answers).</summary>
    public (CorosyncConfig Config, string Digest) ReadRequired(string notClusteredMessage) =>
        TryReadWithDigest() ?? throw new ApiException(StatusCodes.Status424FailedDependency, notClusteredMessage);
}
