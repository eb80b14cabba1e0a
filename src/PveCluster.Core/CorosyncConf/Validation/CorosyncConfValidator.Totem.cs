namespace PveCluster.Core.CorosyncConf;

public static partial class CorosyncConfValidator
{
    private const string TotemPath = "totem";

    // Timing and sizing keys corosync reads as numbers; a typo here makes corosync refuse to start.
    private static readonly string[] TotemNumericKeys =
    [
        "token", "token_coefficient", "token_retransmit", "token_retransmits_before_loss_const", "hold", "join", "send_join",
        "consensus", "merge", "downcheck", "fail_recv_const", "seqno_unchanged_const", "heartbeat_failures_allowed",
        "max_network_delay", "window_size", "max_messages", "miss_count_const", "netmtu", "threads", "knet_pmtud_interval",
        "knet_mtu",
    ];

    private static readonly string[] InterfaceNumericKeys =
    [
        "knet_ping_interval", "knet_ping_timeout", "knet_ping_precision", "knet_pong_count", "mcastport", "ttl",
    ];

    /// <returns>Declared links: link number to its interface section.</returns>
    private static Dictionary<int, ConfSection> ValidateTotem(ConfSection totem, DiagnosticBag bag)
    {
        var version = totem.FindLastValue("version");
        if (version is null)
        {
            bag.Error("totem.version is missing; corosync 3 needs 'version: 2'.", totem);
        }
        else if (version.Value != "2")
        {
            bag.Error($"totem.version is '{version.Value}' but corosync 3 only accepts 2.", version);
        }

        var clusterName = totem.FindLastValue("cluster_name");
        if (clusterName is null || clusterName.Value.Length == 0)
        {
            bag.Error("totem.cluster_name is missing; every cluster needs a unique name.", clusterName ?? (ConfItem)totem);
        }

        var configVersion = totem.FindLastValue("config_version");
        if (configVersion is null)
        {
            bag.Error("totem.config_version is missing; it must be present and increased on every change.", totem);
        }
        else if (!ConfValues.TryParseUnsigned(configVersion.Value, out _))
        {
            bag.Error($"totem.config_version must be a non-negative integer, found '{configVersion.Value}'.", configVersion);
        }

        bag.CheckOneOf(totem, TotemPath, "ip_version", "ipv4", "ipv6", "ipv4-6", "ipv6-4");
        bag.CheckOneOf(totem, TotemPath, "secauth", "on", "off");
        bag.CheckOneOf(totem, TotemPath, "link_mode", "passive", "active", "rr");
        bag.CheckOneOf(totem, TotemPath, "transport", "knet", "udp", "udpu");
        bag.CheckOneOf(totem, TotemPath, "crypto_cipher", "none", "aes256", "aes192", "aes128");
        bag.CheckOneOf(totem, TotemPath, "crypto_hash", "none", "md5", "sha1", "sha256", "sha384", "sha512");
        bag.CheckUnsigned(totem, TotemPath, TotemNumericKeys);
        CheckCryptoPair(totem, bag);

        var links = ValidateInterfaces(totem, bag);
        var transport = totem.GetValue("transport");
        if (transport is "udp" or "udpu" && links.Count > 1)
        {
            bag.Error($"totem.transport '{transport}' supports only one link, but {links.Count} interfaces are declared; "
                + "use transport knet for redundant links.", totem.FindLastValue("transport"));
        }

        return links;
    }

    private static void CheckCryptoPair(ConfSection totem, DiagnosticBag bag)
    {
        var cipher = totem.FindLastValue("crypto_cipher");
        var hash = totem.GetValue("crypto_hash");
        if (cipher is not null && cipher.Value != "none" && (hash is null || hash == "none"))
        {
            bag.Error($"totem.crypto_cipher '{cipher.Value}' needs a crypto_hash other than 'none' (for example sha256).", cipher);
        }
    }

    private static Dictionary<int, ConfSection> ValidateInterfaces(ConfSection totem, DiagnosticBag bag)
    {
        var links = new Dictionary<int, ConfSection>();
        foreach (var section in totem.Sections(TotemInterfaceView.SectionName))
        {
            const string Path = "totem.interface";
            var number = section.FindLastValue("linknumber") ?? section.FindLastValue("ringnumber");
            if (number is null)
            {
                bag.Error("A totem interface has no linknumber; add 'linknumber: N' (N = 0..7).", section);
                continue;
            }

            if (!ConfValues.TryParseInt(number.Value, out var link) || !CorosyncLinks.IsValidLinkNumber(link))
            {
                bag.Error($"{Path}.{number.Key} is '{number.Value}' but must be a link number from 0 to {CorosyncLinks.MaxLinkNumber}.",
                    number);
                continue;
            }

            if (!links.TryAdd(link, section))
            {
                bag.Error($"Link {link} is declared by more than one totem interface (first at line {links[link].Line}).", section);
            }

            var priority = section.FindLastValue("knet_link_priority");
            if (priority is not null && (!ConfValues.TryParseUnsigned(priority.Value, out var p) || p > 255))
            {
                bag.Error($"{Path}.knet_link_priority of link {link} must be an integer from 0 to 255, found '{priority.Value}'.",
                    priority);
            }

            bag.CheckUnsigned(section, Path, InterfaceNumericKeys);
        }

        return links;
    }
}
