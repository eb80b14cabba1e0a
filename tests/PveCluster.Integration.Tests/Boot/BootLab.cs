using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using PveCluster.Lab;
using PveCluster.Lab.Naming;
using PveCluster.Integration.Tests.Packaging;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>
/// N booted Debian hosts with the project's .debs installed: a standalone lab provides the network (one namespace per
/// node on a bridge, nothing started in it), each node is a <see cref="BootContainer"/> in its namespace. Everything
/// else (pmxcfs, corosync, the API, pve-guests) is started by the containers' systemd from the packages' units.
/// </summary>
public sealed class BootLab : IAsyncDisposable
{
    public const string WorkDirectory = "/var/tmp/pvecluster-boot";

    /// <summary>The packages the boot test installs, in dependency order.</summary>
    public static readonly string[] Packages = ["pve-cluster", "pve-api", "pve-guests"];

    private readonly LabCluster _lab;
    private readonly string _directory;
    private readonly CommandRunner _runner;

    private BootLab(LabCluster lab, string directory, IReadOnlyList<BootContainer> nodes, CommandRunner runner)
    {
        _lab = lab;
        _directory = directory;
        Nodes = nodes;
        _runner = runner;
    }

    /// <summary>Node I (1-based) is <c>Nodes[I - 1]</c>, host name nI.</summary>
    public IReadOnlyList<BootContainer> Nodes { get; }

    public string Address(int node) => _lab.Addressing.Node(node, 0).ToString();

    /// <summary>Builds the .debs of <see cref="Packages"/> with scripts/package.sh from the published programs.</summary>
    private static async Task<IReadOnlyList<string>> BuildDebsAsync(string directory, CommandRunner runner, CancellationToken cancellationToken)
    {
        await runner.RunCheckedAsync(
            ["bash", Path.Combine(PackagingRequirements.RepositoryRoot, "scripts", "package.sh"), "--output", directory, "--version", DebVersion],
            cancellationToken);
        return [.. Packages.Select(p => Path.Combine(directory, $"{p}_{DebVersion}_amd64.deb"))];
    }

    private const string DebVersion = "1.0.0";

    /// <summary>Builds the debs, makes the network and the containers (rootfs from the cache, made when missing), boots them and installs the debs.</summary>
    public static async Task<BootLab> CreateAsync(int nodeCount, ILogger logger, CancellationToken cancellationToken)
    {
        var runner = new CommandRunner(logger);
        var lab = await LabCluster.CreateAsync(
            new LabOptions { NodeCount = nodeCount, Standalone = true, StartCorosync = false, StartPveServices = false },
            logger, cancellationToken);
        var nodes = new List<BootContainer>();
        var bootLab = new BootLab(lab, Path.Combine(WorkDirectory, lab.Id), nodes, runner);
        try
        {
            var debs = await BuildDebsAsync(Directory.CreateDirectory(Path.Combine(bootLab._directory, "debs")).FullName, runner, cancellationToken);
            var dependencies = await BootRootfs.DependenciesAsync(debs, Packages.ToHashSet(StringComparer.Ordinal), runner, cancellationToken);
            var rootfs = await BootRootfs.EnsureAsync(dependencies, runner, logger, cancellationToken);
            var hosts = new StringBuilder("127.0.0.1 localhost\n");
            foreach (var node in lab.Nodes)
                hosts.Append(CultureInfo.InvariantCulture, $"{lab.Addressing.Node(node, 0)} {LabNames.NodeName(node)}\n");
            foreach (var node in lab.Nodes)
            {
                nodes.Add(await BootContainer.CreateAsync(
                    LabNames.NodeName(node), rootfs, Path.Combine(bootLab._directory, LabNames.NodeName(node)),
                    $"/run/netns/{lab.Names.Netns(node)}", hosts.ToString(), runner, logger, cancellationToken));
            }

            await Task.WhenAll(nodes.Select(n => InstallAsync(n, debs, cancellationToken)));
            return bootLab;
        }
        catch
        {
            await bootLab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Boots the node and installs the debs with dpkg, as an admin would (their postinst enables and starts the units).</summary>
    private static async Task InstallAsync(BootContainer node, IReadOnlyList<string> debs, CancellationToken cancellationToken)
    {
        var inside = Path.Combine(node.Root, "root/debs");
        Directory.CreateDirectory(inside);
        foreach (var deb in debs)
            File.Copy(deb, Path.Combine(inside, Path.GetFileName(deb)), overwrite: true);
        await node.BootAsync(BootTimeout, cancellationToken);
        await node.ExecCheckedAsync(["dpkg", "--install", .. debs.Select(d => $"/root/debs/{Path.GetFileName(d)}")], cancellationToken);
    }

    /// <summary>Generous: a boot takes seconds, but on a loaded 2-core machine systemd's start jobs queue up.</summary>
    public static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(3);

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(n => n.DisposeAsync().AsTask()));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _lab.DownAsync(timeout.Token);
        await _runner.RunAsync(["rm", "-rf", "--one-file-system", _directory], CancellationToken.None);
    }
}
