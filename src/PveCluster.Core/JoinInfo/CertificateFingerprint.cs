using System.Security.Cryptography;

namespace PveCluster.Core.JoinInfo;

/// <summary>
/// A SHA-256 certificate fingerprint in the Proxmox form: 32 upper-case hex byte pairs separated
/// by ':' (<c>AB:CD:...</c>). This is what the join dialog shows and what a joining node pins when
/// it connects to the peer's API.
/// </summary>
public sealed record CertificateFingerprint
{
    private const int ByteCount = 32;

    private CertificateFingerprint(string value)
    {
        Value = value;
    }

    /// <summary>The normalised (upper-case) text.</summary>
    public string Value { get; }

    /// <summary>Formats a raw 32-byte SHA-256 digest.</summary>
    /// <exception cref="ArgumentException">Not 32 bytes.</exception>
    public static CertificateFingerprint FromSha256(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != ByteCount)
        {
            throw new ArgumentException($"a SHA-256 digest has {ByteCount} bytes, got {digest.Length}", nameof(digest));
        }

        var hex = Convert.ToHexString(digest);
        return new CertificateFingerprint(string.Join(':', hex.Chunk(2).Select(pair => new string(pair))));
    }

    /// <summary>The fingerprint of a DER-encoded certificate.</summary>
    public static CertificateFingerprint OfCertificate(ReadOnlySpan<byte> derCertificate) =>
        FromSha256(SHA256.HashData(derCertificate));

    /// <summary>Parses user input, accepting lower case and surrounding whitespace.</summary>
    /// <exception cref="FormatException">Not 32 colon-separated hex pairs.</exception>
    public static CertificateFingerprint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var fingerprint)
            ? fingerprint!
            : throw new FormatException(
                $"'{text}' is not a SHA-256 fingerprint: expected {ByteCount} hex byte pairs separated by ':' (AB:CD:...)");
    }

    /// <summary>Like <see cref="Parse"/> without throwing.</summary>
    public static bool TryParse(string? text, out CertificateFingerprint? fingerprint)
    {
        fingerprint = null;
        var trimmed = text?.Trim();
        if (trimmed is null)
        {
            return false;
        }

        var pairs = trimmed.Split(':');
        if (pairs.Length != ByteCount || !pairs.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit)))
        {
            return false;
        }

        fingerprint = new CertificateFingerprint(trimmed.ToUpperInvariant());
        return true;
    }

    /// <summary>The raw digest bytes.</summary>
    public byte[] ToBytes() => Convert.FromHexString(Value.Replace(":", string.Empty, StringComparison.Ordinal));

    /// <summary>The normalised text.</summary>
    public override string ToString() => Value;
}
