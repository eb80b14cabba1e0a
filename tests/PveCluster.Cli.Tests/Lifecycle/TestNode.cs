using System.CommandLine;
using PveCluster.Cli.Commands;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Cluster;
using PveCluster.Lifecycle.Join;
using PveCluster.Lifecycle.Services;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Cli.Tests.Lifecycle;

/// <summary>
/// One node's file system in a temporary folder (etc/pve, etc/corosync, var/lib/pve-cluster, root's
/// .ssh, etc/ssh) with fake services, host, corosync and peer, and the lifecycle commands to run on it.
/// </summary>
internal sealed class TestNode : IDisposable
{
    public const string RootKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKzluWSZ3b3yTV0FSYPsyEN37+OnDLX9/4/RYG/y66w0 root@pve1";
    public const string HostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPSLcDMfsuJZA5tksDsBVkb95M9hveje3ovxXVGKz8/E root@pve1";

    private readonly string _root = Directory.CreateTempSubdirectory("pvecm-lifecycle-").FullName;

    public TestNode(string nodeName = "pve1", string? resolved = "192.0.2.11", params string[] addresses)
    {
        Paths = new ClusterPaths(
            Path.Combine(_root, "etc", "pve"), Path.Combine(_root, "etc", "corosync"), Path.Combine(_root, "var", "lib", "pve-cluster"),
            Path.Combine(_root, "root", ".ssh"), Path.Combine(_root, "etc", "ssh"));
        Directory.CreateDirectory(Paths.EtcPve);
        Directory.CreateDirectory(Paths.CorosyncDir);
        Directory.CreateDirectory(Paths.LibDir);
        Directory.CreateDirectory(Paths.SshDir);
        Directory.CreateDirectory(Paths.SshHostKeyDir);
        File.WriteAllText(Path.Combine(Paths.SshDir, "id_ed25519.pub"), RootKey + "\n");
        File.WriteAllText(Path.Combine(Paths.SshHostKeyDir, "ssh_host_ed25519_key.pub"), HostKey + "\n");
        Host = new FakeHost(nodeName, resolved, addresses.Length > 0 ? addresses : ["192.0.2.11", "10.9.0.11"]);
    }

    public ClusterPaths Paths { get; }

    public FakeHost Host { get; set; }

    public FakeServiceControl Services { get; } = new();

    public FakeProcessRunner Processes { get; } = new();

    public FakePeer Peer { get; set; } = new();

    public IUserInput Input { get; set; } = new FakeUserInput(interactive: false);

    /// <summary>What corosync reports; null means corosync is not running.</summary>
    public ClusterStatus? Corosync { get; set; } = FakeCluster.Members(quorate: true, 1);

    public StringWriter Out { get; private set; } = new();

    public StringWriter Error { get; private set; } = new();

    public LifecycleContext Context => new(
        Paths, Host, Services, Processes, ConnectCluster, Peer, Input, TimeProvider.System)
    {
        QuorumTimeout = QuorumTimeout,
        PollInterval = LockPollInterval,
        StatePollInterval = TimeSpan.FromMilliseconds(20),
        LockTimeout = TimeSpan.FromMilliseconds(200),
        CaKeySize = 2048,
        ApiRestartAfterJoin = ApiRestartAfterJoin,
    };

    public TimeSpan QuorumTimeout { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often a cluster lock attempt is repeated (<see cref="LifecycleContext.PollInterval"/>).</summary>
    public TimeSpan LockPollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Called with the number of corosync connections so far, before each one reads <see cref="Corosync"/>.</summary>
    public Action<int>? OnConnect { get; set; }

    private int _connections;

    public IReadOnlyList<ClusterService> ApiRestartAfterJoin { get; set; } = [ClusterService.ApiDaemon, ClusterService.ApiProxy];

    public int Run(params string[] args)
    {
        Out = new StringWriter();
        Error = new StringWriter();
        var environment = new CliEnvironment(Out, Error, ConnectCluster, Paths.LocalCorosyncConf);
        var root = new RootCommand
        {
            CreateCommand.Create(environment, () => Context),
            AddCommand.Create(environment, () => Context),
            AddNodeCommand.Create(environment, () => Context),
            DelNodeCommand.Create(environment, () => Context),
            UpdateCertsCommand.Create(environment, () => Context),
            KeygenCommand.Create(environment),
        };
        var result = root.Parse(args);
        Assert.Empty(result.Errors);
        return result.Invoke(new InvocationConfiguration { Output = Out, Error = Error });
    }

    /// <summary>Every file below the node's root with its content, to prove that a refused command changed nothing.</summary>
    public SortedDictionary<string, string> Snapshot() => new(
        Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(_root, p), p => Convert.ToBase64String(File.ReadAllBytes(p))),
        StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private FakeCluster ConnectCluster()
    {
        OnConnect?.Invoke(Interlocked.Increment(ref _connections));
        return Corosync is { } status ? new FakeCluster(status) : throw LifecycleException.CorosyncNotRunning("CMAP", new InvalidOperationException("down"));
    }
}
