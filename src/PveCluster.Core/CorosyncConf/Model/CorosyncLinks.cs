using System.Globalization;

namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// Link numbering in corosync.conf. A node's address on link N is the key <c>ringN_addr</c>
/// (a name kept from corosync 2); there is no <c>linkN_addr</c> key.
/// </summary>
public static class CorosyncLinks
{
    /// <summary>kronosnet supports links 0..7 per node.</summary>
    public const int MaxLinkNumber = 7;

    public static bool IsValidLinkNumber(int link) => link is >= 0 and <= MaxLinkNumber;

    /// <summary><c>ring{link}_addr</c>.</summary>
    public static string AddressKey(int link) => string.Create(CultureInfo.InvariantCulture, $"ring{link}_addr");

    /// <summary>Recognises <c>ringN_addr</c> for any N (range is checked by the validator).</summary>
    public static bool TryParseAddressKey(string key, out int link) => TryParseNumberedKey(key, "ring", out link);

    /// <summary>Recognises the common mistake <c>linkN_addr</c>.</summary>
    internal static bool IsMistakenLinkKey(string key) => TryParseNumberedKey(key, "link", out _);

    private static bool TryParseNumberedKey(string key, string prefix, out int number)
    {
        number = -1;
        const string Suffix = "_addr";
        if (!key.StartsWith(prefix, StringComparison.Ordinal) || !key.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = key[prefix.Length..^Suffix.Length];
        return digits.Length is > 0 and <= 3
            && digits.All(char.IsAsciiDigit)
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
