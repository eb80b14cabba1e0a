using PveCluster.Core.JoinInfo;

namespace PveCluster.Lifecycle.Join;

/// <summary>Reaches a cluster member's API (port 8006); faked in tests.</summary>
public interface IPeerConnector
{
    /// <summary>The SHA-256 fingerprint of the certificate the peer presents, read without trusting it.</summary>
    /// <exception cref="LifecycleException">The peer cannot be reached.</exception>
    Task<CertificateFingerprint> ReadFingerprintAsync(string host, int port, CancellationToken cancellationToken);

    /// <summary>A client that only talks to a peer presenting exactly <paramref name="pinned"/>.</summary>
    IClusterPeer Connect(string host, int port, CertificateFingerprint pinned);
}
