using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PveCluster.Core.Certificates;

/// <summary>Checks that a node certificate was issued by the cluster CA, trusting only that CA (not the system store).</summary>
public static class CertificateChainVerifier
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <param name="ca">The cluster CA (trust anchor).</param>
    /// <param name="certificate">The node certificate to check.</param>
    /// <param name="at">The time the certificate must be valid at.</param>
    public static ChainVerification Verify(X509Certificate2 ca, X509Certificate2 certificate, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        // The cluster CA publishes no CRL; revocation is handled by replacing certificates.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthOid));

        if (chain.Build(certificate))
        {
            return ChainVerification.Valid;
        }

        var problems = chain.ChainStatus
            .Where(s => s.Status != X509ChainStatusFlags.NoError)
            .Select(s => $"{s.Status}: {s.StatusInformation.Trim()}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (problems.Count == 0)
        {
            problems.Add("the certificate does not chain to the cluster CA");
        }

        return new ChainVerification(false, problems);
    }
}
