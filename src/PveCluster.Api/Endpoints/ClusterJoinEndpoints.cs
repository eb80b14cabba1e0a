using System.Text.Json.Nodes;
using PveCluster.Api.Auth;
using PveCluster.Api.Envelope;
using PveCluster.Api.Join;
using PveCluster.Api.PveFiles;
using PveCluster.Api.Routing;
using PveCluster.Api.Tasks;
using PveCluster.Core.Auth;
using PveCluster.Core.JoinInfo;
using PveCluster.Core.Links;
using PveCluster.Core.Names;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Join;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// The cluster-changing half of <c>/cluster/config</c>: create (task), join (task), add a node (the member's
/// side of a join) and delete a node. All need root@pam; the ticket middleware already demands the CSRF token.
/// All are protected: they run in pvedaemon (corosync, priv/, the cluster lock).
/// </summary>
public static class ClusterJoinEndpoints
{
    private const int MaxPasswordLength = 128;

    private static readonly UserId Root = UserId.Parse("root@pam");

    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/cluster/config/nodes/{node}", async (
            string node, HttpContext context, ClusterLifecycle lifecycle, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            RequireRoot(context);
            var handler = new AddNodeHandler(lifecycle, loggers.CreateLogger<AddNodeHandler>());
            return ApiResponse.Data(await handler.AddAsync(node, RequestParameters.Of(context), cancellationToken).ConfigureAwait(false));
        }).WithParameters(JoinParameters.AddNodeSchema).Protected();
        api.MapDelete("/cluster/config/nodes/{node}", async (
            string node, HttpContext context, ClusterLifecycle lifecycle, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            RequireRoot(context);
            var handler = new DeleteNodeHandler(lifecycle, loggers.CreateLogger<DeleteNodeHandler>());
            var plan = await handler.DeleteAsync(node, cancellationToken).ConfigureAwait(false);
            var warnings = new JsonArray();
            foreach (var warning in plan.Warnings.Concat(plan.Notes))
            {
                warnings.Add(JsonValue.Create(warning));
            }

            return ApiResponse.Data(null, new JsonObject { ["warnings"] = warnings });
        }).WithParameters(ParameterSchema.None).Protected();
        api.MapPost("/cluster/config", (HttpContext context, PveDirectory pveDir, ClusterLifecycle lifecycle, TaskRegistry tasks) =>
        {
            RequireRoot(context);
            var create = CreateOptions(RequestParameters.Of(context), pveDir);
            var upid = tasks.Start("clustercreate", create.Name, Root, async (log, token) =>
            {
                using var progress = new LineWriter(log.Write);
                await new CreateExecutor(lifecycle.Context, progress)
                    .RunAsync(create.Name, create.Links, create.NodeId, create.Votes, token).ConfigureAwait(false);
            });
            return ApiResponse.Data(JsonValue.Create(upid.ToString()));
        }).WithParameters(JoinParameters.CreateSchema).Protected();
        api.MapPost("/cluster/config/join", (HttpContext context, ClusterLifecycle lifecycle, TaskRegistry tasks) =>
        {
            RequireRoot(context);
            var join = JoinOptions(RequestParameters.Of(context));
            var upid = tasks.Start("clusterjoin", "", Root, async (log, token) =>
            {
                using var progress = new LineWriter(log.Write);
                await new JoinExecutor(lifecycle.Context, progress).RunAsync(join, token).ConfigureAwait(false);
            });
            return ApiResponse.Data(JsonValue.Create(upid.ToString()));
        }).WithParameters(JoinParameters.JoinSchema).Protected();
    }

    /// <summary>Cluster membership changes are root's alone (Proxmox marks them "protected").</summary>
    internal static void RequireRoot(HttpContext context)
    {
        var user = AuthenticatedUser.Get(context);
        if (user != Root)
        {
            throw new ApiException(StatusCodes.Status403Forbidden, $"Permission check failed (only root@pam may change the cluster, not '{user}')");
        }
    }

    /// <summary>The create request; the shape of every value is checked here so a bad request gets a 400, not a failed task.</summary>
    private static (string Name, List<LinkSpec> Links, ulong? NodeId, ulong? Votes) CreateOptions(
        IReadOnlyDictionary<string, string> parameters, PveDirectory pveDir)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = RequestParameters.Required(parameters, "clustername");
        if (NameRules.CheckClusterName(name) is { IsValid: false, Error: { } problem })
        {
            errors["clustername"] = problem;
        }

        var links = JoinParameters.Links(parameters, errors);
        var nodeId = JoinParameters.NodeId(parameters, errors);
        var votes = JoinParameters.Votes(parameters, errors);
        JoinParameters.ThrowIfAny(errors);
        if (File.Exists(pveDir.CorosyncConf))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"cluster config '{pveDir.CorosyncConf}' already exists");
        }

        return (name, links, nodeId, votes);
    }

    /// <summary>The join request; the password stays in memory, handed to the join as it is.</summary>
    private static JoinOptions JoinOptions(IReadOnlyDictionary<string, string> parameters)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var host = RequestParameters.Required(parameters, "hostname");
        var password = RequestParameters.Required(parameters, "password");
        var fingerprint = RequestParameters.Required(parameters, "fingerprint");
        if (JoinHostRules.CheckJoinHost(host) is { IsValid: false, Error: { } hostProblem })
        {
            errors["hostname"] = hostProblem;
        }

        if (password.Length > MaxPasswordLength)
        {
            errors["password"] = $"value may only be {MaxPasswordLength} characters long";
        }

        if (!CertificateFingerprint.TryParse(fingerprint, out _))
        {
            errors["fingerprint"] = "value does not match the regex pattern (32 hex byte pairs separated by ':')";
        }

        var links = JoinParameters.Links(parameters, errors);
        var nodeId = JoinParameters.NodeId(parameters, errors);
        var votes = JoinParameters.Votes(parameters, errors);
        var force = JoinParameters.Flag(parameters, "force", errors);
        JoinParameters.ThrowIfAny(errors);
        return new JoinOptions(host, links, fingerprint, force, nodeId, votes, Password: password);
    }
}
