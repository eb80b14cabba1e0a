using PveCluster.Integration.Tests.Infrastructure;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>
/// A fact that needs booted containers: the lab prerequisites, systemd-nspawn, debootstrap, and the project's .debs
/// (scripts/package.sh). Skipped with the reason unless PVE_LAB_REQUIRED=1, where the test fails instead.
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
        missing.AddRange(BootLab.FindDebs().Missing);
        return missing.Count == 0 ? null : $"boot test prerequisites missing: {string.Join("; ", missing)}";
    }
}

/// <summary>Boot tests run alone: each boots several full systemd containers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BootTestGroup
{
    public const string Name = "boot";
}
