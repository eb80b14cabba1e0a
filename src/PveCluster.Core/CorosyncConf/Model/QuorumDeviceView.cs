namespace PveCluster.Core.CorosyncConf;

/// <summary>The <c>quorum.device</c> section (corosync-qdevice).</summary>
public sealed class QuorumDeviceView(ConfSection section)
{
    public const string SectionName = "device";
    public const string NetModel = "net";
    private const string Path = "quorum.device";

    public ConfSection Section { get; } = section ?? throw new ArgumentNullException(nameof(section));

    /// <summary>Only <c>net</c> (corosync-qnetd) is supported by Proxmox.</summary>
    public string? Model { get => Section.GetValue("model"); set => ConfValues.Set(Section, "model", value); }

    public ulong? Votes { get => ConfValues.GetUnsigned(Section, "votes", Path); set => ConfValues.Set(Section, "votes", value); }

    /// <summary>Milliseconds.</summary>
    public ulong? Timeout { get => ConfValues.GetUnsigned(Section, "timeout", Path); set => ConfValues.Set(Section, "timeout", value); }

    /// <summary>Milliseconds.</summary>
    public ulong? SyncTimeout
    {
        get => ConfValues.GetUnsigned(Section, "sync_timeout", Path);
        set => ConfValues.Set(Section, "sync_timeout", value);
    }

    /// <summary>The model-specific <c>net</c> subsection, or null.</summary>
    public QdeviceNetView? Net => Section.GetSection(QdeviceNetView.SectionName) is { } net ? new QdeviceNetView(net) : null;
}
