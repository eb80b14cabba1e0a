using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Api;

/// <summary>Three nodes on two links with pmxcfs and pve-api: the API's read paths over a real cluster.</summary>
public sealed class ApiLabFixture : LabClusterFixture
{
    protected override LabOptions Options => new() { NodeCount = 3, Links = 2, TokenMs = FastTokenMs };

    protected override bool NeedsPveStack => true;

    protected override TimeSpan SetupTimeout => TimeSpan.FromMinutes(5);
}
