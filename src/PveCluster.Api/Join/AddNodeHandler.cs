using System.Text.Json.Nodes;
using PveCluster.Api.Tasks;
using PveCluster.Core.Names;
using PveCluster.Lifecycle;

namespace PveCluster.Api.Join;

/// <summary>
/// The member's half of a join (<c>POST /cluster/config/nodes/{node}</c>): checks the request's parameters, runs
/// the lifecycle library's <see cref="AddNodeExecutor"/> (cluster lock, votequorum, plan, write through pmxcfs),
/// and hands the joining node the new config and the corosync authkey.
/// </summary>
public sealed class AddNodeHandler(ClusterLifecycle lifecycle, ILogger<AddNodeHandler> logger)
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
        var nodeId = JoinParameters.NodeId(parameters, errors);
        var votes = JoinParameters.Votes(parameters, errors);
        var force = JoinParameters.Flag(parameters, "force", errors);
        JoinParameters.CheckApiVersion(parameters, errors);
        var fallback = parameters.TryGetValue("new_node_ip", out var ip) && ip.Length > 0 ? ip : null;
        JoinParameters.ThrowIfAny(errors);

        var options = new AddNodeOptions(node, links, nodeId, votes, fallback, force, IncludeAuthKey: true);
        using var progress = new LineWriter(line => logger.LogInformation("add node {Node}: {Line}", node, line));
        var result = await LifecycleErrors.MapAsync(
            () => new AddNodeExecutor(lifecycle.Context, progress).RunAsync(options, cancellationToken)).ConfigureAwait(false);
        logger.LogInformation(
            "added node {Node} (nodeid {NodeId}) to corosync.conf: {Quorum}", node, result.Plan.NodeId, result.Plan.Quorum?.Describe());

        var warnings = new JsonArray();
        foreach (var warning in result.Plan.Warnings)
        {
            warnings.Add(JsonValue.Create(warning));
        }

        return new JsonObject
        {
            ["corosync_conf"] = result.Plan.CorosyncConf,
            ["corosync_authkey"] = Convert.ToBase64String(result.AuthKey!),
            ["warnings"] = warnings,
        };
    }
}
