using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using PveCluster.Core.JoinInfo;

namespace PveCluster.Lifecycle.Join;

/// <summary>Real HTTPS to the peer's API. The certificate is trusted by fingerprint only, never by a CA (the cluster CA is self-made).</summary>
public sealed class HttpsPeerConnector : IPeerConnector
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Security", "CA5359", Justification = "The certificate is only read here; it is accepted by fingerprint (--fingerprint or the admin's yes) before anything is sent.")]
    public async Task<CertificateFingerprint> ReadFingerprintAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        CertificateFingerprint? seen = null;
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            {
                // Only looked at here; whether it is acceptable is decided by the admin or --fingerprint.
                seen = certificate is null ? null : CertificateFingerprint.OfCertificate(certificate.GetRawCertData());
                return true;
            });
            await using (tls.ConfigureAwait(false))
            {
                await tls.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions { TargetHost = host, CertificateRevocationCheckMode = X509RevocationMode.NoCheck },
                    timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new LifecycleException($"cannot reach the API of '{host}' on port {port}: {ex.Message}", ex);
        }

        return seen ?? throw new LifecycleException($"'{host}' port {port} presented no TLS certificate");
    }

    public IClusterPeer Connect(string host, int port, CertificateFingerprint pinned) => new HttpsClusterPeer(host, port, pinned);
}
