using PveCluster.Integration.Tests.Infrastructure;

namespace PveCluster.Integration.Tests.Packaging;

/// <summary>
/// What the packaging tests need: root (dpkg --root, FUSE), dpkg-deb, and scripts/build.sh's output (the published
/// programs in $PVE_ARTIFACTS, the self-contained API beside it). Missing pieces skip, unless PVE_LAB_REQUIRED=1.
/// </summary>
public static class PackagingRequirements
{
    /// <summary>The checkout the tests run from (scripts/package.sh, packaging/).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Artifacts => LabRequirements.ArtifactsDirectory() ?? Path.Combine(RepositoryRoot, "artifacts", "bin");

    public static string? MissingReason()
    {
        var missing = new List<string>();
        if (!Environment.IsPrivilegedProcess)
            missing.Add("root");
        foreach (var tool in new[] { "/usr/bin/dpkg-deb", "/usr/bin/dpkg", "/usr/bin/deb-systemd-helper", "/usr/bin/systemd-analyze", "/dev/fuse" })
        {
            if (!File.Exists(tool))
                missing.Add(tool);
        }

        foreach (var program in new[] { "pmxcfs", "pvecm", "pve-docgen", Path.Combine("..", "pve-api", "pveproxy") })
        {
            if (!File.Exists(Path.Combine(Artifacts, program)))
                missing.Add($"{Path.GetFullPath(Path.Combine(Artifacts, program))} (run scripts/build.sh)");
        }

        return missing.Count == 0 ? null : $"packaging test prerequisites missing: {string.Join(", ", missing)}";
    }

    public static void ThrowIfMissing()
    {
        if (MissingReason() is { } reason)
            throw new InvalidOperationException(reason);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PveCluster.slnx")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"no PveCluster.slnx above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fact that needs <see cref="PackagingRequirements"/>: skipped with the reason, unless PVE_LAB_REQUIRED=1.</summary>
public sealed class PackagingFactAttribute : FactAttribute
{
    public PackagingFactAttribute()
    {
        if (!LabRequirements.Required && PackagingRequirements.MissingReason() is { } reason)
            Skip = reason;
    }
}
