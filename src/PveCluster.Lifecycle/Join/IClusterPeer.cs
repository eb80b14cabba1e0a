using System.Text.Json.Nodes;

namespace PveCluster.Lifecycle.Join;

/// <summary>The cluster member's API calls a join needs.</summary>
public interface IClusterPeer : IDisposable
{
    /// <exception cref="PeerAuthenticationException">The peer refused the credentials.</exception>
    /// <exception cref="PeerApiException">Any other API failure.</exception>
    Task LoginAsync(string user, string password, CancellationToken cancellationToken);

    /// <summary>GET /cluster/config/apiversion.</summary>
    Task<int> GetJoinApiVersionAsync(CancellationToken cancellationToken);

    /// <summary>GET /cluster/config/join: nodelist, totem, preferred_node, config_digest.</summary>
    Task<JsonObject> GetJoinInfoAsync(CancellationToken cancellationToken);

    /// <summary>POST /cluster/config/nodes/{node}; returns corosync_conf, corosync_authkey (base64), warnings.</summary>
    Task<AddNodeReply> AddNodeAsync(string node, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken);
}
