using System.Globalization;
using System.Text.Json.Nodes;

namespace PveCluster.Core.JoinInfo;

/// <summary>The GUI's "Join Information": what a joining node needs to know about a cluster member.</summary>
/// <param name="IpAddress">The peer's address to connect to.</param>
/// <param name="Fingerprint">SHA-256 fingerprint of the peer's HTTPS certificate.</param>
/// <param name="PeerLinks">The peer's corosync link addresses by link number (empty in older blobs).</param>
/// <param name="RingAddresses">The same addresses as a list; entries may be null in older blobs.</param>
/// <param name="Totem">The totem section of corosync.conf as a JSON object whose values are strings.</param>
public sealed record JoinInformation(
    string IpAddress,
    CertificateFingerprint Fingerprint,
    IReadOnlyDictionary<int, string> PeerLinks,
    IReadOnlyList<string?> RingAddresses,
    JsonObject Totem)
{
    /// <summary>totem.cluster_name, or null.</summary>
    public string? ClusterName => Totem["cluster_name"]?.ToString();

    /// <summary>
    /// The cluster's link numbers, from the <c>linknumber</c> of each totem.interface entry (older
    /// configs use <c>ringnumber</c>). Without any interface entry corosync uses link 0 alone.
    /// </summary>
    public IReadOnlyList<int> LinkNumbers
    {
        get
        {
            var entries = Totem["interface"] switch
            {
                JsonObject obj => obj.Select(p => p.Value),
                JsonArray array => array,
                _ => [],
            };
            var numbers = entries
                .OfType<JsonObject>()
                .Select(e => e["linknumber"]?.ToString() ?? e["ringnumber"]?.ToString())
                .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
                .Where(n => n >= 0)
                .Distinct()
                .Order()
                .ToList();
            return numbers.Count > 0 ? numbers : [0];
        }
    }

    /// <summary>
    /// The GUI's single-link fallback: with exactly one link whose peer address equals
    /// <see cref="IpAddress"/>, the joining node may leave its link address blank and the server
    /// uses the address its host name resolves to.
    /// </summary>
    public bool AllowsBlankSingleLink =>
        LinkNumbers.Count == 1 && RingAddresses.Count > 0 && RingAddresses[0] == IpAddress;
}
