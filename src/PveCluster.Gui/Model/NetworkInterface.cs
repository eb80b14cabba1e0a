using System.Text.Json.Nodes;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Model;

/// <summary>One interface of GET /nodes/{node}/network.</summary>
public sealed record NetworkInterface(string Name, string Type, bool Active, string? Address, string? Cidr, string? Address6, string? Cidr6, string? Gateway)
{
    public static IReadOnlyList<NetworkInterface> ListFrom(JsonNode? data) =>
        [.. JsonRead.Objects(data)
            .Select(e => new NetworkInterface(
                JsonRead.Text(e, "iface") ?? "",
                JsonRead.Text(e, "type") ?? "unknown",
                JsonRead.Flag(e, "active"),
                JsonRead.Text(e, "address"),
                JsonRead.Text(e, "cidr"),
                JsonRead.Text(e, "address6"),
                JsonRead.Text(e, "cidr6"),
                JsonRead.Text(e, "gateway")))
            .OrderBy(i => i.Name, StringComparer.Ordinal)];

    /// <summary>The addresses a corosync link can use on this node (IPv4 and IPv6), loopback excluded.</summary>
    public IEnumerable<string> LinkAddresses()
    {
        if (Address is { Length: > 0 } v4 && !v4.StartsWith("127.", StringComparison.Ordinal))
        {
            yield return v4;
        }

        if (Address6 is { Length: > 0 } v6 && v6 != "::1")
        {
            yield return v6;
        }
    }
}
