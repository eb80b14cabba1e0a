namespace PveCluster.Integration.Tests.Infrastructure;

/// <summary>A fact that needs the lab: skipped with the missing prerequisite named, unless PVE_LAB_REQUIRED=1.</summary>
public sealed class LabFactAttribute : FactAttribute
{
    public LabFactAttribute()
    {
        if (!LabRequirements.Required && LabRequirements.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that needs the lab and the published pvecm.</summary>
public sealed class PvecmFactAttribute : FactAttribute
{
    public PvecmFactAttribute()
    {
        if (!LabRequirements.Required && LabRequirements.MissingReason(needsPvecm: true) is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that needs the lab plus the published pvecm, pmxcfs, pvedaemon and pveproxy (the whole cluster lifecycle).</summary>
public sealed class ClusterLifecycleFactAttribute : FactAttribute
{
    public ClusterLifecycleFactAttribute()
    {
        if (!LabRequirements.Required && LabRequirements.MissingReason(needsPveStack: true) is { } reason)
        {
            Skip = reason;
        }
    }
}
