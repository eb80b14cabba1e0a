using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Infrastructure;

/// <summary>
/// One real lab per test class (xunit class fixture): built before the first test, always torn down
/// after the last one, whatever happened in between.
/// </summary>
public abstract class LabClusterFixture : IAsyncLifetime
{
    /// <summary>token 1000 ms: a membership change takes about 3.7 s instead of 8 s.</summary>
    /// <remarks>The corosync-level fixtures leave pmxcfs and the API off: they test membership, not the file system.</remarks>
    public const int FastTokenMs = 1000;

    private LabCluster? _lab;

    public LabCluster Lab => _lab ?? throw new InvalidOperationException(
        $"no lab: {LabRequirements.MissingReason(NeedsPvecm, NeedsPveStack) ?? "setup failed"}");

    protected abstract LabOptions Options { get; }

    protected virtual bool NeedsPvecm => false;

    /// <summary>The lab runs pmxcfs and pve-api (their binaries must be published).</summary>
    protected virtual bool NeedsPveStack => false;

    /// <summary>Certificates and pve-api at boot take longer than corosync alone (minutes on a loaded 2-core machine). A deadline only.</summary>
    protected virtual TimeSpan SetupTimeout => TimeSpan.FromMinutes(5);

    public async Task InitializeAsync()
    {
        LabRequirements.ThrowIfRequiredAndMissing(NeedsPvecm, NeedsPveStack);
        if (LabRequirements.MissingReason(NeedsPvecm, NeedsPveStack) is not null)
        {
            return; // every test of the class is skipped
        }
        using var timeout = new CancellationTokenSource(SetupTimeout);
        var lab = await LabCluster.CreateAsync(
            Options with { ArtifactsDirectory = LabRequirements.ArtifactsDirectory() }, NullLogger.Instance, timeout.Token);
        try
        {
            await ClusterWait.ForWholeClusterAsync(lab, timeout.Token);
        }
        catch
        {
            // Whether xunit disposes a fixture whose initialisation failed is not guaranteed; do not leak the lab.
            await lab.DownAsync(CancellationToken.None);
            throw;
        }
        _lab = lab;
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await _lab.DownAsync(timeout.Token);
        }
    }
}

/// <summary>Three nodes, one link.</summary>
public sealed class ThreeNodeLabFixture : LabClusterFixture
{
    protected override LabOptions Options => new() { NodeCount = 3, TokenMs = FastTokenMs, StartPveServices = false };
}

/// <summary>
/// Three nodes, two links; link0 preferred (knet uses the highest priority number). Keeps corosync's
/// default token (runtime 3650 ms) like the measured setup in the lab notes: knet failover must finish
/// well inside the token, and on a loaded 2-core machine a 1650 ms token leaves too little margin.
/// </summary>
public sealed class TwoLinkLabFixture : LabClusterFixture
{
    public const int PreferredLink = 0;

    protected override LabOptions Options => new() { NodeCount = 3, Links = 2, LinkPriorities = [20, 15], StartPveServices = false };
}

/// <summary>Three nodes, one link, with the published pvecm on PATH inside the nodes.</summary>
public sealed class PvecmLabFixture : LabClusterFixture
{
    protected override LabOptions Options => new() { NodeCount = 3, TokenMs = FastTokenMs, StartPveServices = false };

    protected override bool NeedsPvecm => true;
}
