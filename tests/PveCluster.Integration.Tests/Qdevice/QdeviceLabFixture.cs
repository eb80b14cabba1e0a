using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Qdevice;

/// <summary>Cluster nodes with pmxcfs and the API, plus the lab's qnetd host (sshd + Debian's corosync-qnetd).</summary>
public abstract class QdeviceLabFixture(int nodeCount) : LabClusterFixture
{
    protected override LabOptions Options => new() { NodeCount = nodeCount, TokenMs = FastTokenMs, Qnetd = true };

    protected override bool NeedsPvecm => true;

    /// <summary>Every node's certificates and API plus the qnetd host, on a loaded 2-core machine.</summary>
    protected override TimeSpan SetupTimeout => TimeSpan.FromMinutes(8);
}

/// <summary>Two nodes: ffsplit lets either carry on alone.</summary>
public sealed class TwoNodeQdeviceLabFixture() : QdeviceLabFixture(2);

/// <summary>Three nodes (an odd count): refused without --force, lms with it.</summary>
public sealed class ThreeNodeQdeviceLabFixture() : QdeviceLabFixture(3);

/// <summary>Four nodes (ffsplit's even count): a 2/2 split.</summary>
public sealed class FourNodeQdeviceLabFixture() : QdeviceLabFixture(4);
