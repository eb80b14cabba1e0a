namespace PveCluster.Lab.Cluster;

/// <summary>The directory of published binaries (pvecm, pmxcfs, ...) the nodes run, and pvelab itself.</summary>
internal sealed class LabArtifacts(string? directory)
{
    public string? Directory => directory;

    /// <summary>Whether <paramref name="program"/> is published (the lab boots only what exists).</summary>
    public bool HasPublished(string program) =>
        !string.IsNullOrEmpty(directory) && File.Exists(Path.Combine(directory, program));

    /// <summary>Resolves the artifacts directory: explicit, $PVE_ARTIFACTS, or &lt;repo&gt;/artifacts/bin.</summary>
    public static string? Resolve(string? explicitDirectory)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
        {
            return Path.GetFullPath(explicitDirectory);
        }
        var fromEnvironment = Environment.GetEnvironmentVariable(LabCluster.ArtifactsVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }
        // A published pvelab sits next to pvecm in the artifacts directory.
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "pvecm")))
        {
            return Path.GetFullPath(AppContext.BaseDirectory).TrimEnd('/');
        }
        for (var parent = new DirectoryInfo(AppContext.BaseDirectory); parent is not null; parent = parent.Parent)
        {
            if (File.Exists(Path.Combine(parent.FullName, "PveCluster.slnx")))
            {
                return Path.Combine(parent.FullName, "artifacts", "bin");
            }
        }
        return null;
    }

    /// <summary>How to run pvelab itself: the apphost when there is one, else its dll through dotnet (inside a test host).</summary>
    public string[] PvelabCommand()
    {
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), "pvelab", StringComparison.Ordinal))
        {
            return [self];
        }
        foreach (var candidate in new[] { AppContext.BaseDirectory, directory }.OfType<string>())
        {
            if (File.Exists(Path.Combine(candidate, "pvelab")))
            {
                return [Path.Combine(candidate, "pvelab")];
            }
        }
        var dll = Path.Combine(AppContext.BaseDirectory, "pvelab.dll");
        return File.Exists(dll)
            ? ["dotnet", dll]
            : throw new LabException("cannot find the pvelab executable (publish it into $PVE_ARTIFACTS)");
    }
}
