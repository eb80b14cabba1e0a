using System.Text.Json.Serialization;

namespace PveCluster.Api.Endpoints;

/// <summary>Answer of POST /access/ticket, with the field names Proxmox clients expect.</summary>
public sealed record LoginResponse(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("ticket")] string Ticket,
    [property: JsonPropertyName("CSRFPreventionToken")] string CsrfPreventionToken,
    [property: JsonPropertyName("clustername")] string? ClusterName);
