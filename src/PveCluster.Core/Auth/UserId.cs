using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace PveCluster.Core.Auth;

/// <summary>
/// A Proxmox user id <c>name@realm</c> (for example <c>root@pam</c>). The name may not contain whitespace, ':' or '/',
/// because user ids are embedded in colon-separated tickets and in ACL paths.
/// </summary>
public sealed partial record UserId
{
    public const int MaxLength = 64;

    private UserId(string name, string realm)
    {
        Name = name;
        Realm = realm;
    }

    public string Name { get; }

    public string Realm { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out UserId? user)
    {
        user = null;
        if (text is null || text.Length > MaxLength)
        {
            return false;
        }

        var match = UserIdPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        user = new UserId(match.Groups["name"].Value, match.Groups["realm"].Value);
        return true;
    }

    /// <exception cref="FormatException">The text is not <c>name@realm</c>.</exception>
    public static UserId Parse(string text) => TryParse(text, out var user)
        ? user
        : throw new FormatException($"invalid user id '{text}': expected name@realm (e.g. root@pam), at most {MaxLength} characters");

    public override string ToString() => $"{Name}@{Realm}";

    [GeneratedRegex(@"^(?<name>[^\s:/@]+)@(?<realm>[A-Za-z][A-Za-z0-9._-]+)$")]
    private static partial Regex UserIdPattern();
}
