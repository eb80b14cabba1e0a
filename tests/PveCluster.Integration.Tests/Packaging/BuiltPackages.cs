using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Packaging;

/// <summary>The two .debs, built once for the packaging tests by scripts/package.sh from the published programs.</summary>
public sealed class BuiltPackages : IAsyncLifetime
{
    public const string Version = "1.2.3";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("pve-debs-").FullName;

    public string Cluster => Path.Combine(Directory, $"pve-cluster_{Version}_amd64.deb");

    public string Api => Path.Combine(Directory, $"pve-api_{Version}_amd64.deb");

    public CommandRunner Runner { get; } = new(NullLogger.Instance);

    public async Task InitializeAsync()
    {
        if (PackagingRequirements.MissingReason() is not null)
            return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await Runner.RunCheckedAsync(
            ["bash", Path.Combine(PackagingRequirements.RepositoryRoot, "scripts", "package.sh"), "--output", Directory, "--version", Version],
            timeout.Token);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs a command that must succeed, bounded in time; its standard output.</summary>
    public async Task<string> RunAsync(params string[] command)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return (await Runner.RunCheckedAsync(command, timeout.Token)).StandardOutput;
    }
}

/// <summary>The tests that share one build of the packages.</summary>
[CollectionDefinition(Name)]
public sealed class BuiltPackagesGroup : ICollectionFixture<BuiltPackages>
{
    public const string Name = "built .debs";
}
