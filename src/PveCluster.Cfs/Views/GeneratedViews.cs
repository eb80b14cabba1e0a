using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Views;

/// <summary>Assembles the generated root entries of one node's mount.</summary>
internal static class GeneratedViews
{
    public static GeneratedEntries Create(
        string nodeName,
        IConfigTree tree,
        IClusterMembershipView membership,
        ClusterLog clusterLog,
        DebugSwitch debug,
        TimeProvider clock,
        ILoggerFactory loggers)
    {
        var configuration = new ClusterConfigurationSource(tree, new CorosyncConfParser(), loggers.CreateLogger<ClusterConfigurationSource>());
        var members = new MembersFile(nodeName, configuration, membership);
        var vmList = new VmListFile(tree);
        IGeneratedFile[] files =
        [
            members,
            vmList,
            new VersionFile(tree, clock.GetUtcNow().ToUnixTimeSeconds(), members, vmList, nodeName),
            new ClusterLogFile(clusterLog),
            new DebugFile(debug),
        ];
        return new GeneratedEntries(files, NodeLinks.For(nodeName));
    }
}
