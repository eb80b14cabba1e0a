using System.Text.Json.Serialization;

namespace PveCluster.Api.Network;

/// <summary>One interface of GET /nodes/{node}/network, with the fields the GUI's link address picker reads.</summary>
public sealed record NetworkInterfaceEntry
{
    [JsonPropertyName("iface")]
    public required string Iface { get; init; }

    /// <summary><c>eth</c>, <c>bridge</c>, <c>bond</c>, <c>vlan</c> or <c>unknown</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("active")]
    public int Active { get; init; }

    [JsonPropertyName("address")]
    public string? Address { get; init; }

    [JsonPropertyName("netmask")]
    public string? Netmask { get; init; }

    [JsonPropertyName("cidr")]
    public string? Cidr { get; init; }

    [JsonPropertyName("address6")]
    public string? Address6 { get; init; }

    [JsonPropertyName("netmask6")]
    public string? Netmask6 { get; init; }

    [JsonPropertyName("cidr6")]
    public string? Cidr6 { get; init; }

    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }

    [JsonPropertyName("gateway6")]
    public string? Gateway6 { get; init; }

    [JsonPropertyName("families")]
    public required IReadOnlyList<string> Families { get; init; }
}
