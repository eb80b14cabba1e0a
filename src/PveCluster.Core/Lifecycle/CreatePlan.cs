using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Lifecycle;

/// <summary>The decision for <c>pvecm create</c>; outputs are null when the plan is refused.</summary>
public sealed class CreatePlan : Plan
{
    internal CreatePlan(string title, PlanBuilder findings, CorosyncConfig? config, IReadOnlyList<InitialLink> links, bool generateAuthKey)
        : base(title, findings)
    {
        Config = config;
        Links = links;
        GenerateAuthKey = generateAuthKey;
    }

    /// <summary>The new cluster's corosync.conf (config_version 1).</summary>
    public CorosyncConfig? Config { get; }

    /// <summary>The text to write to <c>/etc/pve/corosync.conf</c>.</summary>
    public string? CorosyncConf => Config?.Write();

    /// <summary>The links that will be configured, including the defaulted link0.</summary>
    public IReadOnlyList<InitialLink> Links { get; }

    /// <summary>True when <c>/etc/corosync/authkey</c> must be generated; false reuses the existing key.</summary>
    public bool GenerateAuthKey { get; }
}
