using System.Globalization;
using System.Text.Json.Nodes;
using PveCluster.Core.JoinInfo;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Model;

/// <summary>
/// The "Cluster Information" panel's model, from GET /cluster/config/join. A 424 (or "node is not in a
/// cluster") means a standalone node, not an error; in a cluster it yields the Join Information of the node
/// the browser is connected to.
/// </summary>
public sealed record ClusterJoinState(JsonObject? Totem, string? PreferredNode, string? IpAddress, string? Fingerprint,
    IReadOnlyDictionary<int, string> PeerLinks)
{
    public static readonly ClusterJoinState Standalone = new(null, null, null, null, new Dictionary<int, string>());

    public string? ClusterName => JsonRead.Text(Totem, "cluster_name");

    public string? ConfigVersion => JsonRead.Text(Totem, "config_version");

    /// <summary>In a cluster exactly when the totem section names one (Proxmox's rule for the buttons).</summary>
    public bool IsInCluster => !string.IsNullOrEmpty(ClusterName);

    public static bool MeansStandalone(ApiCallException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Status == 424 || error.Message.Contains("node is not in a cluster", StringComparison.OrdinalIgnoreCase);
    }

    public static ClusterJoinState From(JsonNode? data)
    {
        var nodelist = JsonRead.Objects(data?["nodelist"]).ToList();
        if (data?["totem"] is not JsonObject totem || nodelist.Count == 0)
        {
            return Standalone;
        }

        var preferredName = JsonRead.Text(data, "preferred_node");
        var preferred = nodelist.FirstOrDefault(n => (JsonRead.Text(n, "name") ?? JsonRead.Text(n, "node")) == preferredName);
        var links = preferred is null ? new Dictionary<int, string>() : ConfigNode.From(preferred).Links;
        return new ClusterJoinState((JsonObject)totem.DeepClone(), preferredName,
            JsonRead.Text(preferred, "pve_addr"), JsonRead.Text(preferred, "pve_fp"), links);
    }

    /// <summary>The encoded Join Information string (base64 JSON) for this node, or null when it cannot be formed.</summary>
    public string? EncodedJoinInformation()
    {
        if (!IsInCluster || IpAddress is null || Fingerprint is null || !CertificateFingerprint.TryParse(Fingerprint, out var fingerprint))
        {
            return null;
        }

        var info = new JoinInformation(IpAddress, fingerprint!, PeerLinks, [.. PeerLinks.Values], (JsonObject)Totem!.DeepClone());
        return JoinInformationCodec.Encode(info);
    }

    public static string LinkName(int number) => "Link " + number.ToString(CultureInfo.InvariantCulture);
}
