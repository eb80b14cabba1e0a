using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Infrastructure;

/// <summary>
/// Decides whether lab tests run: they need root and corosync. Missing prerequisites skip the tests,
/// unless PVE_LAB_REQUIRED=1 (CI), where the fixture fails instead with the same message.
/// </summary>
public static class LabRequirements
{
    public const string RequiredVariable = "PVE_LAB_REQUIRED";

    public static bool Required => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    /// <summary>Why lab tests cannot run here, or null when they can.</summary>
    public static string? MissingReason(bool needsPvecm = false, bool needsPveStack = false)
    {
        var missing = LabPrerequisites.Missing().ToList();
        var programs = needsPveStack ? PveStack : needsPvecm ? ["pvecm"] : [];
        foreach (var program in programs.Where(p => Published(p) is null))
        {
            missing.Add($"{program} in ${LabCluster.ArtifactsVariable} ({ArtifactsDirectory() ?? "unset"})");
        }
        return missing.Count == 0 ? null : $"lab prerequisites missing: {string.Join(", ", missing)}";
    }

    /// <summary>The published binaries directory the tests run (scripts/test.sh sets $PVE_ARTIFACTS).</summary>
    public static string? ArtifactsDirectory() => Environment.GetEnvironmentVariable(LabCluster.ArtifactsVariable);

    /// <summary>What a cluster lifecycle lab runs inside its nodes.</summary>
    public static readonly string[] PveStack = ["pvecm", "pmxcfs", "pvedaemon", "pveproxy"];

    public static string? PublishedPvecm() => Published("pvecm");

    /// <summary>Full path of a published program, or null.</summary>
    public static string? Published(string program)
    {
        var directory = ArtifactsDirectory();
        var path = directory is null ? null : Path.Combine(directory, program);
        return path is not null && File.Exists(path) ? path : null;
    }

    /// <summary>Throws when prerequisites are missing and CI requires the lab.</summary>
    public static void ThrowIfRequiredAndMissing(bool needsPvecm = false, bool needsPveStack = false)
    {
        if (Required && MissingReason(needsPvecm, needsPveStack) is { } reason)
        {
            throw new InvalidOperationException($"{reason} ({RequiredVariable}=1 turns this into a failure)");
        }
    }
}
