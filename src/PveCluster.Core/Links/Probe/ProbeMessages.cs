using System.Text.Json.Serialization;

namespace PveCluster.Core.Links.Probe;

/// <summary>A UDP socket the probe responder listens on: the port is 5405 (corosync's) unless that was taken.</summary>
public sealed record ProbeListener(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("mtu")] int? Mtu,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>The first line a responder prints: its clock, its addresses and the sockets it answers on.</summary>
public sealed record ProbeReady(
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("time_ms")] long TimeMs,
    [property: JsonPropertyName("addresses")] IReadOnlyList<string> Addresses,
    [property: JsonPropertyName("listeners")] IReadOnlyList<ProbeListener> Listeners);

/// <summary>One target the pinger measures: from its own link address to a peer's.</summary>
public sealed record ProbeTarget(
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("link")] int Link,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("port")] int Port);

/// <summary>What the pinger measured for one target.</summary>
public sealed record ProbeResult(
    [property: JsonPropertyName("target")] ProbeTarget Target,
    [property: JsonPropertyName("sent")] int Sent,
    [property: JsonPropertyName("received")] int Received,
    [property: JsonPropertyName("avg_ms")] double? AverageMs,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("icmp_avg_ms")] double? IcmpAverageMs = null)
{
    /// <summary>
    /// The round trip the latency rule judges: ICMP's when it got through (kernel timestamps, so a busy host's
    /// scheduling delays are not counted as network latency), else the UDP probes' own.
    /// </summary>
    [JsonIgnore]
    public double? LatencyMs => IcmpAverageMs ?? AverageMs;
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProbeReady))]
[JsonSerializable(typeof(List<ProbeTarget>))]
[JsonSerializable(typeof(List<ProbeResult>))]
public sealed partial class ProbeJsonContext : JsonSerializerContext;
