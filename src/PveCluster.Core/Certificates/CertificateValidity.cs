namespace PveCluster.Core.Certificates;

/// <summary>Lifetimes and key sizes of the cluster's certificates.</summary>
public static class CertificateValidity
{
    /// <summary>
    /// The CA signs every node certificate for ten years and cannot be rotated without re-issuing all of them,
    /// so it gets the stronger key (what Proxmox uses too); generating it once per cluster is cheap enough.
    /// </summary>
    public const int CaKeySize = 4096;

    /// <summary>Node keys are re-issued every two years and used on every TLS handshake, so 2048 bits keep handshakes fast.</summary>
    public const int NodeKeySize = 2048;

    public const int CaYears = 10;

    public const int NodeYears = 2;

    /// <summary>Back-dating notBefore lets a node whose clock is slightly behind accept a freshly issued certificate.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(10);
}
