using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace PveCluster.Api.Envelope;

/// <summary>
/// Proxmox wraps every JSON answer as <c>{"data": ...}</c>; errors keep <c>"data": null</c> and add
/// <c>"message"</c> and, for parameter errors, <c>"errors": {"param": "problem"}</c>.
/// </summary>
public static class ApiResponse
{
    public static IResult Data<T>(T value, JsonTypeInfo<T> typeInfo) =>
        Data(System.Text.Json.JsonSerializer.SerializeToNode(value, typeInfo));

    public static IResult Data(JsonNode? data, JsonObject? extra = null)
    {
        var body = new JsonObject { ["data"] = data };
        if (extra is not null)
        {
            foreach (var (key, value) in extra.ToList())
            {
                extra.Remove(key);
                body[key] = value;
            }
        }

        return new ProxmoxJsonResult(body);
    }

    public static JsonObject ErrorBody(ApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var body = new JsonObject { ["data"] = null, ["message"] = error.Message + "\n" };
        if (error.Errors is { Count: > 0 } errors)
        {
            var map = new JsonObject();
            foreach (var (name, problem) in errors)
            {
                map[name] = problem;
            }

            body["errors"] = map;
        }

        return body;
    }
}
