using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links;
using PveCluster.Corosync;

namespace PveCluster.Lifecycle.Links;

/// <summary>Reads what the link-change watch compares: quorum and members (votequorum) and knet links (corosync-cfgtool -n).</summary>
internal static class ClusterHealthReader
{
    /// <returns>The health and this node's id, or null while corosync does not answer (it may be reloading).</returns>
    public static async Task<(ClusterHealth Health, uint LocalNodeId)?> TryReadAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var connection = context.ConnectCluster();
            var status = await connection.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
            var links = await ReadLinksAsync(context, cancellationToken).ConfigureAwait(false);
            var health = new ClusterHealth(status.Quorum.IsQuorate, status.Quorum.Members.Select(m => m.NodeId).ToHashSet(), links);
            return (health, status.Quorum.LocalNodeId);
        }
        catch (Exception ex) when (ex is LifecycleException or CorosyncException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public static async Task<KnetLinkStatus> ReadLinksAsync(LifecycleContext context, CancellationToken cancellationToken)
    {
        var result = await context.Processes.RunAsync("corosync-cfgtool", ["-n"], cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? KnetLinkStatus.Parse(result.StandardOutput) : KnetLinkStatus.Empty;
    }
}
