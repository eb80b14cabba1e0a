using System.Globalization;
using System.Text.Json.Nodes;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Api.Tasks;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// Background tasks: <c>/nodes/{node}/tasks</c> (this node's list, Proxmox's filters), <c>/cluster/tasks</c> (the
/// recent tasks, running ones included; this node's only — other nodes' lists are not replicated here), and
/// <c>/nodes/{node}/tasks/{upid}</c> status and log.
/// </summary>
public static class TaskEndpoints
{
    private const int DefaultLimit = 50;

    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/nodes/{node}/tasks", (string node, HttpContext context, TaskIndex index, ApiOptions options) =>
        {
            LocalNode.Ensure(node, options);
            var (page, total) = index.List(TaskQueryParameters.Read(RequestParameters.Of(context)));
            return ApiResponse.Data(page, new JsonObject { ["total"] = total });
        }).WithParameters(TaskQueryParameters.Schema);
        api.MapGet("/cluster/tasks", (TaskIndex index) => ApiResponse.Data(index.List(new TaskQuery { Source = TaskSource.All }).Page))
            .WithParameters(ParameterSchema.None);
        api.MapGet("/nodes/{node}/tasks/{upid}/status", (string node, string upid, TaskRegistry tasks, ApiOptions options) =>
        {
            var id = ParseLocal(node, upid, options);
            var status = tasks.GetStatus(id) ?? throw NoSuchTask(upid);
            return ApiResponse.Data(status, ApiJsonContext.Default.TaskStatusResponse);
        }).WithParameters(ParameterSchema.None);
        api.MapGet("/nodes/{node}/tasks/{upid}/log", (string node, string upid, HttpContext context, TaskRegistry tasks, ApiOptions options) =>
        {
            var id = ParseLocal(node, upid, options);
            var parameters = RequestParameters.Of(context);
            var start = ReadCount(parameters, "start", 0);
            var limit = ReadCount(parameters, "limit", DefaultLimit);
            var (lines, total) = tasks.ReadLog(id, start, limit) ?? throw NoSuchTask(upid);
            var data = System.Text.Json.JsonSerializer.SerializeToNode(lines, ApiJsonContext.Default.ListTaskLogLine);
            return ApiResponse.Data(data, new JsonObject { ["total"] = total });
        }).WithParameters(ParameterSchema.Of("start", "limit"));
    }

    private static Upid ParseLocal(string node, string text, ApiOptions options)
    {
        LocalNode.Ensure(node, options);
        if (!Upid.TryParse(text, out var upid))
        {
            throw ApiException.BadParameter("upid", "unable to parse worker upid");
        }

        if (!string.Equals(upid.Node, options.Node, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiException.BadParameter("upid", $"task belongs to node '{upid.Node}', not to '{options.Node}'");
        }

        return upid;
    }

    private static int ReadCount(IReadOnlyDictionary<string, string> parameters, string name, int fallback)
    {
        var text = parameters.GetValueOrDefault(name, "");
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadParameter(name, "type check ('integer') failed - got '" + text + "'");
    }

    private static ApiException NoSuchTask(string upid) => new(StatusCodes.Status404NotFound, $"no such task '{upid}'");
}
