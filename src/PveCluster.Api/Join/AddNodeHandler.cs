using System.Text.Json.Nodes;
using PveCluster.Api.Cluster;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Names;

namespace PveCluster.Api.Join;

/// <summary>
/// The member's half of a join (<c>POST /cluster/config/nodes/{node}</c>): with quorum, plan the new
/// corosync.conf, create the node's folders, write the config through pmxcfs and hand the joining node
/// the config and the corosync authkey.
/// </summary>
public sealed class AddNodeHandler(PveDirectory pveDir, CorosyncConfReader corosync, MembersReader members, JoinSettings settings, ILogger<AddNodeHandler> logger)
{
    public async Task<JsonObject> AddAsync(string node, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (NameRules.CheckNodeName(node) is { IsValid: false, Error: { } nameError })
        {
            errors["node"] = nameError;
        }

        var links = JoinParameters.Links(parameters, errors);
        var nodeId = JoinParameters.Number(parameters, "nodeid", errors);
        var votes = JoinParameters.Votes(parameters, errors);
        var force = JoinParameters.Flag(parameters, "force", errors);
        JoinParameters.CheckApiVersion(parameters, errors);
        var fallback = parameters.TryGetValue("new_node_ip", out var ip) && ip.Length > 0 ? ip : null;
        JoinParameters.ThrowIfAny(errors);

        using var held = await ClusterConfLock.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var (config, _) = corosync.ReadRequired("unable to add node: this node is not in a cluster (no corosync.conf)");
        var plan = AddNodePlanner.Plan(new AddNodeRequest(
            config, node, links, ClusterQuorum.IsQuorate(members), nodeId, votes, fallback, force));
        if (!plan.CanProceed)
        {
            throw PlanRefusal.ToApiException(plan);
        }

        byte[] authKey;
        try
        {
            authKey = await File.ReadAllBytesAsync(settings.AuthKey, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Envelope.ApiException($"cannot read the corosync authkey '{settings.AuthKey}': {ex.Message}", ex);
        }

        ClusterConfWriter.EnsureNodeDirectories(pveDir, node);
        var conf = plan.CorosyncConf!;
        ClusterConfWriter.Write(pveDir, conf);
        logger.LogInformation("added node {Node} (nodeid {NodeId}) to corosync.conf: {Quorum}", node, plan.NodeId, plan.Quorum?.Describe());

        var warnings = new JsonArray();
        foreach (var warning in plan.Warnings)
        {
            warnings.Add(warning);
        }

        return new JsonObject
        {
            ["corosync_conf"] = conf,
            ["corosync_authkey"] = Convert.ToBase64String(authKey),
            ["warnings"] = warnings,
        };
    }
}
