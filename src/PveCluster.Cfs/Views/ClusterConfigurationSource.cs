using System.Text;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Views;

/// <summary>
/// The parsed /corosync.conf of the tree, re-read only when the file's version changes. A missing
/// file means "no cluster" (a standalone node); an unparsable one is logged once and treated the same.
/// </summary>
internal sealed class ClusterConfigurationSource(IConfigTree tree, IClusterConfigurationParser parser, ILogger<ClusterConfigurationSource> logger)
{
    public const string CorosyncConfPath = "/corosync.conf";

    private readonly Lock _lock = new();
    private ulong? _cachedVersion;
    private ClusterConfiguration? _cached;

    public ClusterConfiguration? Current
    {
        get
        {
            var entry = tree.GetEntry(CorosyncConfPath);
            lock (_lock)
            {
                if (entry?.Version == _cachedVersion)
                    return _cached;
                _cachedVersion = entry?.Version;
                _cached = entry is null ? null : Load();
                return _cached;
            }
        }
    }

    private ClusterConfiguration? Load()
    {
        if (tree.ReadFile(CorosyncConfPath) is not { } content)
            return null;
        try
        {
            return parser.Parse(Encoding.UTF8.GetString(content.Span));
        }
        catch (FormatException e)
        {
            logger.LogWarning("ignoring the cluster corosync.conf for .members: {Reason}", e.Message);
            return null;
        }
    }
}
