using System.Globalization;
using System.Text.Json.Nodes;
using PveCluster.Api.Auth;
using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Join;
using PveCluster.Api.Routing;
using PveCluster.Api.Tasks;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links;
using PveCluster.Lifecycle.Links;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// <c>/cluster/config/links</c>: the corosync links of the running cluster. GET lists them (priority, the link that
/// carries the traffic, every node's address); POST adds one, PUT <c>/{link}</c> changes its priority or one node's
/// address, DELETE <c>/{link}</c> removes it. The changes run as tasks through the same code as <c>pvecm link</c>:
/// rules, network preflight, write, reload, watch and automatic rollback.
/// All but GET run in pvedaemon: they edit /etc/pve/corosync.conf and reach the nodes over SSH as root.
/// </summary>
public static class ClusterLinkEndpoints
{
    private static readonly string[] Common = ["skip-preflight", "grace"];

    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cluster/config/links", (CorosyncConfReader reader) => ApiResponse.Data(List(reader))).WithParameters(ParameterSchema.None);
        api.MapPost("/cluster/config/links", (HttpContext context, ClusterLifecycle lifecycle, TaskRegistry tasks) =>
            Start(context, lifecycle, tasks, "linkadd", LinkChangeKind.Add, null))
            .WithParameters(ParameterSchema.Of(["link", "priority", "nodes", "network", .. Common])).Protected();
        api.MapPut("/cluster/config/links/{link}", (string link, HttpContext context, ClusterLifecycle lifecycle, TaskRegistry tasks) =>
            Start(context, lifecycle, tasks, "linkset", LinkChangeKind.Set, link))
            .WithParameters(ParameterSchema.Of(["priority", "delete", "node", "address", .. Common])).Protected();
        api.MapDelete("/cluster/config/links/{link}", (string link, HttpContext context, ClusterLifecycle lifecycle, TaskRegistry tasks) =>
            Start(context, lifecycle, tasks, "linkremove", LinkChangeKind.Remove, link))
            .WithParameters(ParameterSchema.Of(Common)).Protected();
    }

    private static JsonArray List(CorosyncConfReader reader)
    {
        var config = reader.TryRead();
        var links = new JsonArray();
        if (config?.Totem is not { } totem)
        {
            return links;
        }

        var declared = totem.Interfaces
            .Select(i => i.TryGetLinkNumber(out var n) ? (Number: n, Priority: i.KnetLinkPriority) : (Number: -1, Priority: (int?)null))
            .Where(l => l.Number >= 0)
            .ToList();
        var preferred = LinkPriorityExplainer.PreferenceOrder(declared).FirstOrDefault(-1);
        foreach (var (number, priority) in declared.OrderBy(l => l.Number))
        {
            var nodes = new JsonObject();
            foreach (var node in config.Nodes)
            {
                nodes[node.Name ?? "?"] = node.GetLinkAddress(number);
            }

            var entry = new JsonObject { ["link"] = number, ["preferred"] = number == preferred ? 1 : 0, ["nodes"] = nodes };
            if (priority is { } p)
            {
                entry["priority"] = p;
            }

            links.Add(entry);
        }

        return links;
    }

    private static IResult Start(HttpContext context, ClusterLifecycle lifecycle, TaskRegistry tasks, string type, LinkChangeKind kind, string? pathLink)
    {
        ClusterJoinEndpoints.RequireRoot(context);
        var options = Options(RequestParameters.Of(context), kind, pathLink);
        var user = AuthenticatedUser.Get(context);
        var upid = tasks.Start(type, options.Link.ToString(CultureInfo.InvariantCulture), user, async (log, token) =>
        {
            using var progress = new LineWriter(log.Write);
            await new LinkChangeExecutor(lifecycle.Context, progress).RunAsync(options, token).ConfigureAwait(false);
        });
        return ApiResponse.Data(JsonValue.Create(upid.ToString()));
    }

    /// <summary>Every value's shape is checked here, so a bad request is a 400 and never a failed task.</summary>
    private static LinkChangeOptions Options(IReadOnlyDictionary<string, string> parameters, LinkChangeKind kind, string? pathLink)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var link = Integer(pathLink ?? parameters.GetValueOrDefault("link"), "link", LinkSpec.MinNumber, LinkSpec.MaxNumber, errors, required: true) ?? 0;
        var priority = Integer(parameters.GetValueOrDefault("priority"), "priority", LinkSpec.MinPriority, LinkSpec.MaxPriority, errors);
        var grace = Integer(parameters.GetValueOrDefault("grace"), "grace", 1, 600, errors);
        var skip = parameters.GetValueOrDefault("skip-preflight") switch
        {
            null or "0" => false,
            "1" => true,
            var other => Error(errors, "skip-preflight", $"'{other}' is not 0 or 1"),
        };
        var clear = parameters.GetValueOrDefault("delete") switch
        {
            null => false,
            "priority" => true,
            var other => Error(errors, "delete", $"only 'priority' can be deleted, not '{other}'"),
        };
        var addresses = new List<KeyValuePair<string, string>>();
        if (parameters.GetValueOrDefault("nodes") is { } nodes)
        {
            foreach (var pair in nodes.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || !Address(pair[(eq + 1)..], "nodes", errors))
                {
                    Error(errors, "nodes", $"'{pair}' is not NODE=ADDRESS");
                    continue;
                }

                addresses.Add(KeyValuePair.Create(pair[..eq], pair[(eq + 1)..]));
            }
        }

        if (parameters.GetValueOrDefault("node") is { } node)
        {
            if (parameters.GetValueOrDefault("address") is { } address && Address(address, "address", errors))
            {
                addresses.Add(KeyValuePair.Create(node, address));
            }
            else if (!errors.ContainsKey("address"))
            {
                errors["address"] = "'node' needs 'address'";
            }
        }

        if (errors.Count > 0)
        {
            throw ApiException.BadParameters(errors);
        }

        return new LinkChangeOptions(
            kind, link, priority, clear, addresses, parameters.GetValueOrDefault("network"), skip,
            grace is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }

    private static int? Integer(string? text, string name, int min, int max, Dictionary<string, string> errors, bool required = false)
    {
        if (text is null)
        {
            if (required)
            {
                errors[name] = "property is missing and it is not optional";
            }

            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = $"'{text}' is not an integer from {min} to {max}";
        return null;
    }

    private static bool Address(string address, string name, Dictionary<string, string> errors)
    {
        if (LinkAddress.TryClassify(address, out _, out var problem) && LinkAddress.UnusableIpProblem(address) is null)
        {
            return true;
        }

        errors[name] = problem ?? LinkAddress.UnusableIpProblem(address)!;
        return false;
    }

    private static bool Error(Dictionary<string, string> errors, string name, string message)
    {
        errors[name] = message;
        return false;
    }
}
