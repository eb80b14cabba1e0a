namespace PveCluster.Core.CorosyncConf;

public static partial class CorosyncConfEditor
{
    /// <summary>Increments totem.config_version; every change of the file must carry a higher version.</summary>
    public static CorosyncConfig BumpConfigVersion(CorosyncConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var totem = EditGuards.Totem(config);
        var text = totem.Section.GetValue("config_version")
            ?? throw new CorosyncConfEditException("totem.config_version is missing; add it before editing the configuration.");
        if (!ConfValues.TryParseUnsigned(text, out var version) || version == ulong.MaxValue)
        {
            throw new CorosyncConfEditException($"totem.config_version '{text}' is not a non-negative integer that can be increased.");
        }

        var copy = config.Clone();
        copy.Totem!.ConfigVersion = version + 1;
        return copy;
    }

    /// <summary>
    /// Writes quorum.device (model net) from <paramref name="settings"/>, replacing any existing
    /// device, and removes two_node, which must not be combined with a quorum device.
    /// </summary>
    public static CorosyncConfig SetQuorumDevice(CorosyncConfig config, QuorumDeviceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        EditGuards.PlainToken(settings.Host, "QDevice host");
        if (settings.Algorithm is not ("ffsplit" or "lms"))
        {
            throw new CorosyncConfEditException($"QDevice algorithm '{settings.Algorithm}' is unknown; use 'ffsplit' or 'lms'.");
        }

        if (settings.Tls is not ("on" or "off" or "required"))
        {
            throw new CorosyncConfEditException($"QDevice tls '{settings.Tls}' is unknown; use 'on', 'off' or 'required'.");
        }

        if (settings.TieBreaker is { } tie && tie is not ("lowest" or "highest") && !ConfValues.TryParseUnsigned(tie, out _))
        {
            throw new CorosyncConfEditException($"QDevice tie_breaker '{tie}' is invalid; use 'lowest', 'highest' or a node id.");
        }

        if (settings.Votes == 0)
        {
            throw new CorosyncConfEditException("A quorum device needs at least 1 vote.");
        }

        var copy = config.Clone();
        var quorum = copy.Root.GetSection(CorosyncConfig.QuorumSection)
            ?? throw new CorosyncConfEditException("corosync.conf has no 'quorum' section to add the quorum device to.");
        quorum.RemoveSections(QuorumDeviceView.SectionName);
        quorum.RemoveValues("two_node");
        var device = new QuorumDeviceView(quorum.AddSection(QuorumDeviceView.SectionName))
        {
            Model = QuorumDeviceView.NetModel,
            Votes = settings.Votes,
            Timeout = settings.Timeout,
            SyncTimeout = settings.SyncTimeout,
        };
        _ = new QdeviceNetView(device.Section.AddSection(QdeviceNetView.SectionName))
        {
            Algorithm = settings.Algorithm,
            Host = settings.Host,
            Tls = settings.Tls,
            TieBreaker = settings.TieBreaker,
        };
        return copy;
    }

    /// <summary>Removes quorum.device (and a stale two_node, see <see cref="RemoveTwoNode"/>).</summary>
    public static CorosyncConfig ClearQuorumDevice(CorosyncConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Quorum?.Device is null)
        {
            throw new CorosyncConfEditException("No quorum device is configured, so there is none to remove.");
        }

        var copy = config.Clone();
        copy.Quorum!.Section.RemoveSections(QuorumDeviceView.SectionName);
        DropTwoNode(copy);
        return copy;
    }

    /// <summary>
    /// Removes <c>quorum.two_node</c>. Proxmox never writes it, and it must not be there: it sets the
    /// quorum of two nodes to 1, so after a network split both nodes stay quorate and both accept
    /// writes to /etc/pve. Every edit removes it, which cleans it out of configurations written
    /// by older versions. A two-node cluster that must survive the loss of one node needs a QDevice.
    /// </summary>
    public static CorosyncConfig RemoveTwoNode(CorosyncConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Quorum is null)
        {
            throw new CorosyncConfEditException("corosync.conf has no 'quorum' section.");
        }

        var copy = config.Clone();
        DropTwoNode(copy);
        return copy;
    }

    private static void DropTwoNode(CorosyncConfig config) => config.Quorum?.Section.RemoveValues("two_node");
}
