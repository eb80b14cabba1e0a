using PveCluster.Api.Endpoints;

namespace PveCluster.Api.Routing;

/// <summary>
/// Every <c>/api2/json</c> endpoint, mapped identically in pveproxy and pvedaemon: pveproxy runs the unmarked ones
/// and forwards the <see cref="ProtectedEndpoint"/>s, pvedaemon runs only those. A new endpoint group adds one line.
/// </summary>
public static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        AccessEndpoints.Map(api);
        ClusterConfigEndpoints.Map(api);
        QdeviceEndpoints.Map(api);
        ClusterJoinEndpoints.Map(api);
        ClusterStatusEndpoints.Map(api);
        NodeNetworkEndpoints.Map(api);
        TaskEndpoints.Map(api);
        VersionEndpoints.Map(api);
        NodeEndpoints.Map(api);
        ClusterResourcesEndpoints.Map(api);
        ClusterLogEndpoints.Map(api);
        CorosyncLinkEndpoints.Map(api);
        ClusterOptionsEndpoints.Map(api);
        ClusterLinkEndpoints.Map(api);
        CorosyncQuorumEndpoints.Map(api);
    }
}
