using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Tasks;

/// <summary>
/// Unique task id in the Proxmox layout <c>UPID:node:pid:pstart:starttime:type:id:user:</c> (numbers as 8 upper-case
/// hex digits). Clients treat it as opaque except for the node, which tells them where to ask for the status.
/// </summary>
public sealed partial record Upid(string Node, int Pid, ulong ProcessStart, DateTimeOffset StartTime, string Type, string Id, UserId User)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"UPID:{Node}:{Pid:X8}:{ProcessStart:X8}:{StartTime.ToUnixTimeSeconds():X8}:{Type}:{Id}:{User}:");

    /// <summary>Hex start time; its last digit names the log subdirectory (spreads logs over 16 folders).</summary>
    public string StartTimeHex => StartTime.ToUnixTimeSeconds().ToString("X8", CultureInfo.InvariantCulture);

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Upid? upid)
    {
        upid = null;
        var match = text is null ? null : UpidPattern().Match(text);
        if (match is not { Success: true } || !UserId.TryParse(match.Groups["user"].Value, out var user))
        {
            return false;
        }

        upid = new Upid(
            match.Groups["node"].Value,
            int.Parse(match.Groups["pid"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            ulong.Parse(match.Groups["pstart"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(match.Groups["start"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)),
            match.Groups["type"].Value,
            match.Groups["id"].Value,
            user);
        return true;
    }

    /// <summary>True if <paramref name="text"/> can be used as the type or id part (no ':' or whitespace).</summary>
    public static bool IsValidPart(string text) => !string.IsNullOrEmpty(text) && !text.Any(c => c == ':' || char.IsWhiteSpace(c));

    [GeneratedRegex(
        @"^UPID:(?<node>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(?<pid>[0-9A-F]{8}):(?<pstart>[0-9A-F]{8,16}):(?<start>[0-9A-F]{8}):(?<type>[^:\s]+):(?<id>[^:\s]*):(?<user>[^:\s]+):$")]
    private static partial Regex UpidPattern();
}
