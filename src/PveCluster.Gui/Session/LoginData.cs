using System.Text.Json;
using System.Text.Json.Nodes;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Session;

/// <summary>What POST /access/ticket answers and the GUI keeps: user, ticket (to renew it), CSRF token, cluster name.</summary>
public sealed record LoginData(string User, string Ticket, string CsrfToken, string? ClusterName)
{
    public static LoginData? From(JsonNode? data) =>
        JsonRead.Text(data, "username") is { } user
        && JsonRead.Text(data, "ticket") is { } ticket
        && JsonRead.Text(data, "CSRFPreventionToken") is { } csrf
            ? new LoginData(user, ticket, csrf, JsonRead.Text(data, "clustername"))
            : null;

    public string ToJson() => new JsonObject
    {
        ["username"] = User,
        ["ticket"] = Ticket,
        ["CSRFPreventionToken"] = CsrfToken,
        ["clustername"] = ClusterName,
    }.ToJsonString();

    public static LoginData? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return From(JsonNode.Parse(json));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
