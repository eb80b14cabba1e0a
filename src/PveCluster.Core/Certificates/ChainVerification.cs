namespace PveCluster.Core.Certificates;

/// <summary>Result of <see cref="CertificateChainVerifier.Verify"/>; <see cref="Problems"/> explains a failure.</summary>
public sealed record ChainVerification(bool IsValid, IReadOnlyList<string> Problems)
{
    public static ChainVerification Valid { get; } = new(true, []);
}
