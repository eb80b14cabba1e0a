using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PveCluster.Gui.Api;

/// <summary>
/// Lenient field access for Proxmox JSON, where one field may come as a number or as a string
/// (corosync.conf values are strings as written; status fields are numbers).
/// </summary>
public static class JsonRead
{
    public static string? Text(JsonNode? node, string key) =>
        node is JsonObject obj ? Scalar(obj[key]) : null;

    /// <summary>A scalar as text (a string as is, a number as written); null for anything else.</summary>
    public static string? Scalar(JsonNode? node) =>
        node is JsonValue value
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : null;

    public static long? Number(JsonNode? node, string key) =>
        long.TryParse(Text(node, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static double? Real(JsonNode? node, string key) =>
        double.TryParse(Text(node, key), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>1, "1" and true are true; anything else (missing included) is false.</summary>
    public static bool Flag(JsonNode? node, string key) =>
        Text(node, key) is "1" or "true";

    public static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];
}
