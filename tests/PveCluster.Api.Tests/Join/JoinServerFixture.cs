using Microsoft.Extensions.DependencyInjection;
using PveCluster.Api.Join;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Cluster;
using PveCluster.Lifecycle.Join;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Api.Tests.Join;

/// <summary>
/// The API server with the lifecycle library's outside world faked: a corosync folder with the authkey, services
/// and tools that only record, votequorum answering <see cref="Corosync"/>, and a cluster peer to join.
/// </summary>
public sealed class JoinServerFixture : ApiServerFixture
{
    public string CorosyncDir => Path.Combine(Root, "corosync");

    public byte[] AuthKey { get; } = [.. Enumerable.Range(0, 128).Select(i => (byte)i)];

    /// <summary>What votequorum reports; a test may replace it (every lifecycle call connects anew).</summary>
    public ClusterStatus Corosync { get; set; } = FakeCluster.Members(quorate: true, 1, 2);

    public FakeServiceControl Services { get; } = new();

    public FakeProcessRunner Processes { get; } = new();

    public FakePeer Peer { get; } = new();

    public ClusterPaths Paths => new(
        PveDir.Root, CorosyncDir, Path.Combine(Root, "lib"), Path.Combine(Root, "ssh"), Path.Combine(Root, "ssh-host"));

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(CorosyncDir);
        await File.WriteAllBytesAsync(Path.Combine(CorosyncDir, "authkey"), AuthKey);
        await base.InitializeAsync();
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        var host = new FakeHost(NodeName, "192.0.2.11", "192.0.2.11");
        var context = new LifecycleContext(
            Paths, host, Services, Processes, () => new FakeCluster(Corosync), Peer, NoUserInput.Instance, TimeProvider.System)
        {
            QuorumTimeout = TimeSpan.FromSeconds(5),
            PollInterval = TimeSpan.FromMilliseconds(20),
            LockTimeout = TimeSpan.FromMilliseconds(300),
            CaKeySize = 2048,
            ApiRestartAfterJoin = [],
        };
        services.AddSingleton(new ClusterLifecycle(context));
    }
}
