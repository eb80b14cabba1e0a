namespace PveCluster.Core.Guests;

/// <summary>
/// Reads the boot-related keys from a guest config (<c>/etc/pve/qemu-server/ID.conf</c>, <c>/etc/pve/lxc/ID.conf</c>):
/// <c>key: value</c> lines up to the first <c>[snapshot]</c> section; <c>#</c> lines are the description.
/// </summary>
public static class GuestConfigReader
{
    private const string OnBootKey = "onboot";
    private const string StartupKey = "startup";
    private const string TemplateKey = "template";

    public static GuestBootSettings Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<string>();
        var onBoot = false;
        var isTemplate = false;
        var startup = StartupOrder.None;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('['))
                break;
            if (line.Length == 0 || line[0] == '#' || line.IndexOf(':', StringComparison.Ordinal) is not (var colon and > 0))
                continue;

            var key = line[..colon].TrimEnd();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case OnBootKey:
                    onBoot = ReadBoolean(key, value, problems);
                    break;
                case TemplateKey:
                    isTemplate = ReadBoolean(key, value, problems);
                    break;
                case StartupKey when StartupOrder.TryParse(value, out var parsed):
                    startup = parsed;
                    break;
                case StartupKey:
                    startup = StartupOrder.None;
                    problems.Add($"invalid startup '{value}' (expected [[order=]N][,up=S][,down=S]): ignored");
                    break;
            }
        }

        return new GuestBootSettings(onBoot, startup, isTemplate, problems);
    }

    /// <summary>Proxmox's boolean spellings: 1/0, yes/no, on/off, true/false, any case.</summary>
    private static bool ReadBoolean(string key, string value, List<string> problems)
    {
        switch (value.ToLowerInvariant())
        {
            case "1" or "yes" or "on" or "true":
                return true;
            case "0" or "no" or "off" or "false":
                return false;
            default:
                problems.Add($"invalid {key} '{value}' (expected 0 or 1): ignored");
                return false;
        }
    }
}
