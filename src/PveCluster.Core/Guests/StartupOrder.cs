using System.Globalization;

namespace PveCluster.Core.Guests;

/// <summary>
/// A guest's <c>startup</c> property, Proxmox's <c>pve-startup-order</c>: <c>[[order=]N][,up=S][,down=S]</c>.
/// <paramref name="Order"/> ranks the guest for boot (ascending) and shutdown (descending); <paramref name="Up"/> is the
/// pause after its start before the next guest starts; <paramref name="Down"/> is how long its shutdown may take before it
/// is stopped by force. Each is null when not given.
/// </summary>
public sealed record StartupOrder(ulong? Order, ulong? Up, ulong? Down)
{
    public static StartupOrder None { get; } = new(null, null, null);

    /// <summary>
    /// Parses the property as Proxmox does: comma-separated parts, empty parts ignored, a bare number is the order, a part
    /// given twice counts the last time. Anything else (spaces around a part, negative or non-decimal numbers, unknown keys)
    /// makes the whole value invalid.
    /// </summary>
    public static bool TryParse(string? text, out StartupOrder startup)
    {
        startup = None;
        if (string.IsNullOrEmpty(text))
            return true;

        ulong? order = null, up = null, down = null;
        foreach (var part in text.Split(','))
        {
            if (string.IsNullOrWhiteSpace(part))
                continue;

            var (key, digits) = part.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0
                ? (part[..eq], part[(eq + 1)..])
                : ("order", part);
            if (!TryParseSeconds(digits, out var number))
                return false;

            switch (key)
            {
                case "order": order = number; break;
                case "up": up = number; break;
                case "down": down = number; break;
                default: return false;
            }
        }

        startup = new StartupOrder(order, up, down);
        return true;
    }

    private static bool TryParseSeconds(string digits, out ulong number)
    {
        number = 0;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            && ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
