using System.Text.Json.Nodes;

namespace PveCluster.Lifecycle.Join;

/// <summary>Reads the data of <c>POST /cluster/config/nodes/{node}</c>.</summary>
public static class AddNodeReplyParser
{
    /// <exception cref="PeerApiException">A field is missing or the authkey is not base64.</exception>
    public static AddNodeReply Parse(JsonNode? data)
    {
        var conf = data?["corosync_conf"]?.GetValue<string>();
        var key = data?["corosync_authkey"]?.GetValue<string>();
        if (string.IsNullOrEmpty(conf) || string.IsNullOrEmpty(key))
        {
            throw new PeerApiException("the cluster's answer lacks corosync_conf or corosync_authkey");
        }

        byte[] authKey;
        try
        {
            authKey = Convert.FromBase64String(key);
        }
        catch (FormatException ex)
        {
            throw new PeerApiException("the cluster's corosync_authkey is not base64", ex);
        }

        var warnings = data!["warnings"] is JsonArray list ? list.Select(w => w?.ToString() ?? "").ToList() : [];
        return new AddNodeReply(conf, authKey, warnings);
    }
}
