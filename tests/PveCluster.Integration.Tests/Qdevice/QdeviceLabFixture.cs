using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Qdevice;

/// <summary>Two cluster nodes with pmxcfs and the API, plus the lab's qnetd host (sshd + Debian's corosync-qnetd).</summary>
public sealed class TwoNodeQdeviceLabFixture : LabClusterFixture
{
    protected override LabOptions Options => new() { NodeCount = 2, TokenMs = FastTokenMs, Qnetd = true };

    protected override bool NeedsPvecm => true;
}

/// <summary>Three cluster nodes (an odd count) with pmxcfs and the API, plus the lab's qnetd host.</summary>
public sealed class ThreeNodeQdeviceLabFixture : LabClusterFixture
{
    protected override LabOptions Options => new() { NodeCount = 3, TokenMs = FastTokenMs, Qnetd = true };

    protected override bool NeedsPvecm => true;
}

/// <summary>Four cluster nodes (ffsplit's even count) with pmxcfs and the API, plus the lab's qnetd host.</summary>
public sealed class FourNodeQdeviceLabFixture : LabClusterFixture
{
    protected override LabOptions Options => new() { NodeCount = 4, TokenMs = FastTokenMs, Qnetd = true };

    protected override bool NeedsPvecm => true;

    /// <summary>Four nodes' certificates and APIs (plus the qnetd host) on a loaded 2-core machine.</summary>
    protected override TimeSpan SetupTimeout => TimeSpan.FromMinutes(8);
}
