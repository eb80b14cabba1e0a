using System.Text.Json.Nodes;
using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Api.PveFiles;

namespace PveCluster.Api.Endpoints;

/// <summary><c>/cluster/config</c>: read-only views of the cluster's corosync.conf and the join information.</summary>
public static class ClusterConfigEndpoints
{
    /// <summary>Version of the join protocol between nodes (Proxmox JOIN_API_VERSION).</summary>
    public const int JoinApiVersion = 1;

    public const string NotInClusterMessage = "node is not in a cluster, no join info available!";

    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cluster/config", Index).WithParameters(ParameterSchema.None);
        api.MapGet("/cluster/config/apiversion", () => ApiResponse.Data(JsonValue.Create(JoinApiVersion))).WithParameters(ParameterSchema.None);
        api.MapGet("/cluster/config/nodes", Nodes).WithParameters(ParameterSchema.None);
        api.MapGet("/cluster/config/totem", Totem).WithParameters(ParameterSchema.None);
        api.MapGet("/cluster/config/join", JoinAsync).WithParameters(ParameterSchema.Of("node"));
    }

    private static IResult Index()
    {
        var entries = new JsonArray();
        foreach (var name in new[] { "nodes", "totem", "join", "qdevice", "apiversion" })
        {
            entries.Add(new JsonObject { ["name"] = name });
        }

        return ApiResponse.Data(entries);
    }

    private static IResult Nodes(CorosyncConfReader reader)
    {
        var config = reader.TryRead();
        var nodes = new JsonArray();
        foreach (var node in config?.Nodes ?? [])
        {
            nodes.Add(CorosyncConfJson.Node(node));
        }

        return ApiResponse.Data(nodes);
    }

    private static IResult Totem(CorosyncConfReader reader)
    {
        var totem = reader.TryRead()?.Totem;
        return ApiResponse.Data(totem is null ? new JsonObject() : CorosyncConfJson.Totem(totem));
    }

    private static async Task<IResult> JoinAsync(
        HttpContext context,
        CorosyncConfReader reader,
        NodeAddressResolver addresses,
        PveDirectory pveDir,
        ApiOptions options,
        CancellationToken cancellationToken)
    {
        var (config, digest) = reader.ReadRequired(NotInClusterMessage);
        var preferred = RequestParameters.Of(context).GetValueOrDefault("node") is { Length: > 0 } asked ? asked : options.Node;
        if (config.Totem is not { } totem || config.Nodes.Count == 0)
        {
            throw new ApiException(StatusCodes.Status424FailedDependency, NotInClusterMessage);
        }

        if (config.FindNode(preferred) is null)
        {
            throw ApiException.BadParameter("node", $"unknown node '{preferred}' (not in corosync.conf)");
        }

        var nodelist = new JsonArray();
        foreach (var node in config.Nodes)
        {
            var entry = CorosyncConfJson.Node(node);
            entry.Remove("node");
            var name = node.Name ?? "";
            entry["pve_addr"] = await addresses.ResolveAsync(name, cancellationToken).ConfigureAwait(false);
            entry["pve_fp"] = NodeCertificateLoader.TryFingerprint(pveDir, name);
            nodelist.Add(entry);
        }

        return ApiResponse.Data(new JsonObject
        {
            ["nodelist"] = nodelist,
            ["preferred_node"] = config.FindNode(preferred)!.Name,
            ["totem"] = CorosyncConfJson.Totem(totem),
            ["config_digest"] = digest,
        });
    }
}
