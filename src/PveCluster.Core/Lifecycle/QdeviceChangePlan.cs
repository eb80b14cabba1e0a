using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Lifecycle;

/// <summary>The decision for <c>pvecm qdevice setup</c> or <c>remove</c>; outputs are null when refused.</summary>
public sealed class QdeviceChangePlan : Plan
{
    internal QdeviceChangePlan(
        string title, PlanBuilder findings, CorosyncConfig? newConfig, QuorumDeviceSettings? device, QuorumChange? quorum)
        : base(title, findings)
    {
        NewConfig = newConfig;
        Device = device;
        Quorum = quorum;
    }

    /// <summary>The corosync.conf after the change, config_version bumped.</summary>
    public CorosyncConfig? NewConfig { get; }

    /// <summary>The text to write to /etc/pve/corosync.conf.</summary>
    public string? CorosyncConf => NewConfig?.Write();

    /// <summary>The quorum device written by a setup (null for a removal).</summary>
    public QuorumDeviceSettings? Device { get; }

    /// <summary>Expected votes and quorum before and after.</summary>
    public QuorumChange? Quorum { get; }
}
