using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Integration.Tests.Packaging;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>
/// A fact that needs booted containers: the lab prerequisites, systemd-nspawn, debootstrap, and what scripts/package.sh
/// builds the .debs from. Skipped with the reason unless PVE_LAB_REQUIRED=1, where the test fails instead.
/// </summary>
public sealed class BootFactAttribute : FactAttribute
{
    public BootFactAttribute()
    {
        if (!LabRequirements.Required && MissingReason() is { } reason)
            Skip = reason;
    }

    public static string? MissingReason()
    {
        var missing = new List<string>();
        if (LabRequirements.MissingReason() is { } lab)
            missing.Add(lab);
        missing.AddRange(new[] { "systemd-nspawn", "debootstrap" }.Where(p => !File.Exists($"/usr/bin/{p}") && !File.Exists($"/usr/sbin/{p}")));
        if (PackagingRequirements.MissingReason() is { } packaging)
            missing.Add(packaging);
        if (!File.Exists(Path.Combine(PackagingRequirements.Artifacts, "pve-guests")))
            missing.Add($"pve-guests in {PackagingRequirements.Artifacts} (run scripts/build.sh)");
        return missing.Count == 0 ? null : $"boot test prerequisites missing: {string.Join("; ", missing)}";
    }
}

/// <summary>Boot tests run alone: each boots several full systemd containers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BootTestGroup
{
    public const string Name = "boot";
}
