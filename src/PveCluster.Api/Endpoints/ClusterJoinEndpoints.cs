using System.Globalization;
using System.Text.Json.Nodes;
using PveCluster.Api.Auth;
using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Api.Join;
using PveCluster.Api.PveFiles;
using PveCluster.Api.Tasks;
using PveCluster.Core.Auth;
using PveCluster.Core.JoinInfo;
using PveCluster.Core.Names;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// The cluster-changing half of <c>/cluster/config</c>: create (task), join (task), add a node (the member's
/// side of a join) and delete a node. All need root@pam; the ticket middleware already demands the CSRF token.
/// </summary>
public static class ClusterJoinEndpoints
{
    private const int MaxPasswordLength = 128;

    private static readonly UserId Root = UserId.Parse("root@pam");

    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var settings = JoinSettings.FromEnvironment();
        api.MapPost("/cluster/config/nodes/{node}", async (
            string node, HttpContext context, PveDirectory pveDir, CorosyncConfReader corosync, MembersReader members,
            ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            RequireRoot(context);
            var parameters = await RequestParameters.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
            var handler = new AddNodeHandler(pveDir, corosync, members, settings, loggers.CreateLogger<AddNodeHandler>());
            return ApiResponse.Data(await handler.AddAsync(node, parameters, cancellationToken).ConfigureAwait(false));
        });
        api.MapDelete("/cluster/config/nodes/{node}", async (
            string node, HttpContext context, PveDirectory pveDir, CorosyncConfReader corosync, MembersReader members, ApiOptions options,
            ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            RequireRoot(context);
            var handler = new DeleteNodeHandler(pveDir, corosync, members, options, loggers.CreateLogger<DeleteNodeHandler>());
            var plan = await handler.DeleteAsync(node, cancellationToken).ConfigureAwait(false);
            var warnings = new JsonArray();
            foreach (var warning in plan.Warnings.Concat(plan.Notes))
            {
                warnings.Add(warning);
            }

            return ApiResponse.Data(null, new JsonObject { ["warnings"] = warnings });
        });
        api.MapPost("/cluster/config", async (HttpContext context, PveDirectory pveDir, TaskRegistry tasks, CancellationToken cancellationToken) =>
        {
            RequireRoot(context);
            var parameters = await RequestParameters.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
            var arguments = CreateArguments(parameters, pveDir);
            var upid = tasks.Start("clustercreate", arguments[1], Root,
                (log, token) => PvecmTask.RunAsync(settings.PvecmPath, arguments, null, log, token));
            return ApiResponse.Data(JsonValue.Create(upid.ToString()));
        });
        api.MapPost("/cluster/config/join", async (HttpContext context, TaskRegistry tasks, CancellationToken cancellationToken) =>
        {
            RequireRoot(context);
            var parameters = await RequestParameters.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
            var (arguments, password) = JoinArguments(parameters);
            var upid = tasks.Start("clusterjoin", "", Root,
                (log, token) => PvecmTask.RunAsync(settings.PvecmPath, arguments, password, log, token));
            return ApiResponse.Data(JsonValue.Create(upid.ToString()));
        });
    }

    /// <summary>Cluster membership changes are root's alone (Proxmox marks them "protected").</summary>
    private static void RequireRoot(HttpContext context)
    {
        var user = AuthenticatedUser.Get(context);
        if (user != Root)
        {
            throw new ApiException(StatusCodes.Status403Forbidden, $"Permission check failed (only root@pam may change the cluster, not '{user}')");
        }
    }

    /// <summary>pvecm create arguments; the shape of every value is checked here so a bad request gets a 400, not a failed task.</summary>
    private static List<string> CreateArguments(IReadOnlyDictionary<string, string> parameters, PveDirectory pveDir)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = RequestParameters.Required(parameters, "clustername");
        if (NameRules.CheckClusterName(name) is { IsValid: false, Error: { } problem })
        {
            errors["clustername"] = problem;
        }

        var links = JoinParameters.Links(parameters, errors);
        var nodeId = JoinParameters.Number(parameters, "nodeid", errors);
        var votes = JoinParameters.Votes(parameters, errors);
        JoinParameters.ThrowIfAny(errors);
        if (File.Exists(pveDir.CorosyncConf))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"cluster config '{pveDir.CorosyncConf}' already exists");
        }

        var arguments = new List<string> { "create", name };
        AddCommon(arguments, links, nodeId, votes);
        return arguments;
    }

    private static (List<string> Arguments, string Password) JoinArguments(IReadOnlyDictionary<string, string> parameters)
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
        var nodeId = JoinParameters.Number(parameters, "nodeid", errors);
        var votes = JoinParameters.Votes(parameters, errors);
        var force = JoinParameters.Flag(parameters, "force", errors);
        JoinParameters.ThrowIfAny(errors);

        // The password goes to pvecm on stdin, never on its command line (visible in ps).
        var arguments = new List<string> { "add", host, "--fingerprint", fingerprint };
        AddCommon(arguments, links, nodeId, votes);
        if (force)
        {
            arguments.Add("--force");
        }

        return (arguments, password);
    }

    private static void AddCommon(List<string> arguments, IEnumerable<Core.Links.LinkSpec> links, ulong? nodeId, ulong? votes)
    {
        foreach (var link in links)
        {
            arguments.Add($"--{link.OptionName}");
            arguments.Add(link.ToOptionValue());
        }

        if (nodeId is { } id)
        {
            arguments.AddRange(["--nodeid", id.ToString(CultureInfo.InvariantCulture)]);
        }

        if (votes is { } v)
        {
            arguments.AddRange(["--votes", v.ToString(CultureInfo.InvariantCulture)]);
        }
    }
}
