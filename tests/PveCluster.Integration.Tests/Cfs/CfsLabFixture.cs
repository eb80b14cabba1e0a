using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>
/// Three nodes of real corosync (token 1000) with our pmxcfs spawned on every node and the cluster
/// corosync.conf in the tree. One lab per test class; every test leaves all nodes serving.
/// </summary>
public class CfsLabFixture : IAsyncLifetime
{
    private readonly CorosyncLab _corosync;
    private LabCluster? _lab;
    private PmxcfsCluster? _cluster;
    private bool _disposed;

    public CfsLabFixture()
        : this(3)
    {
    }

    /// <summary>A lab of <paramref name="nodeCount"/> nodes; its corosync.conf is written by our editor, as pvecm's is.</summary>
    protected CfsLabFixture(int nodeCount)
    {
        _corosync = new CorosyncLab(nodeCount);
    }

    public PmxcfsCluster Cluster => _cluster ?? throw new InvalidOperationException("no pmxcfs cluster: lab setup failed or was skipped");

    public async Task InitializeAsync()
    {
        CfsRequirements.ThrowIfRequiredAndMissing();
        if (CfsRequirements.MissingReason() is not null)
        {
            return; // skipped, like every lab test
        }
        await _corosync.InitializeAsync();
        _lab = _corosync.Lab;
        var cluster = new PmxcfsCluster(_lab);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await cluster.StartAllAsync(timeout.Token);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
        _cluster = cluster;
    }

    public async Task DisposeAsync()
    {
        // Runs from a failed InitializeAsync and may run again from xunit: tear down once.
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            if (_lab is not null)
            {
                // Clean stops unmount every /etc/pve before `down` removes the namespaces.
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                await new PmxcfsCluster(_lab).StopAllAsync(timeout.Token);
            }
        }
        finally
        {
            await _corosync.DisposeAsync();
        }
    }

    /// <summary>The corosync-level lab; pmxcfs is spawned by the tests' own code, not as the lab's pve-cluster service.</summary>
    private sealed class CorosyncLab(int nodeCount) : LabClusterFixture
    {
        protected override LabOptions Options => new() { NodeCount = nodeCount, TokenMs = FastTokenMs, StartPveServices = false };
    }
}
