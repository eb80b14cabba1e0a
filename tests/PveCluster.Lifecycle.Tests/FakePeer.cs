using System.Text.Json.Nodes;
using PveCluster.Core.JoinInfo;
using PveCluster.Lifecycle.Join;

namespace PveCluster.Lifecycle.Tests;

/// <summary>A cluster member's API: a certificate fingerprint, a root password, join info and a canned add-node answer.</summary>
public sealed class FakePeer : IPeerConnector, IClusterPeer
{
    public static readonly CertificateFingerprint Fingerprint = CertificateFingerprint.FromSha256(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public string Password { get; init; } = "secret";

    public int ApiVersion { get; init; } = 1;

    public JsonObject JoinInfo { get; init; } = new();

    public Func<string, IReadOnlyDictionary<string, string>, AddNodeReply>? AddNode { get; init; }

    public List<string> Calls { get; } = [];

    public Dictionary<string, string>? SentParameters { get; private set; }

    public CertificateFingerprint? PinnedWith { get; private set; }

    public Task<CertificateFingerprint> ReadFingerprintAsync(string host, int port, CancellationToken cancellationToken)
    {
        Calls.Add($"fingerprint {host}:{port}");
        return Task.FromResult(Fingerprint);
    }

    public IClusterPeer Connect(string host, int port, CertificateFingerprint pinned)
    {
        PinnedWith = pinned;
        return this;
    }

    public Task LoginAsync(string user, string password, CancellationToken cancellationToken)
    {
        Calls.Add($"login {user}");
        return password == Password
            ? Task.CompletedTask
            : Task.FromException(new PeerAuthenticationException("401 authentication failure"));
    }

    public Task<int> GetJoinApiVersionAsync(CancellationToken cancellationToken) => Task.FromResult(ApiVersion);

    public Task<JsonObject> GetJoinInfoAsync(CancellationToken cancellationToken) => Task.FromResult(JoinInfo);

    public Task<AddNodeReply> AddNodeAsync(string node, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        Calls.Add($"addnode {node}");
        SentParameters = new Dictionary<string, string>(parameters);
        return Task.FromResult(AddNode?.Invoke(node, parameters) ?? throw new InvalidOperationException("test did not expect add node"));
    }

    public void Dispose()
    {
    }
}
