using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Api.Routing;

namespace PveCluster.Api.Endpoints;

/// <summary><c>GET /cluster/config/qdevice</c>: the local corosync-qdevice's status (Proxmox's fields).</summary>
public static class QdeviceEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        // Runs in pvedaemon: it talks to corosync-qdevice's control socket, which only root may open.
        api.MapGet("/cluster/config/qdevice", StatusAsync).WithParameters(ParameterSchema.None).Protected();
    }

    private static async Task<IResult> StatusAsync(ApiOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return ApiResponse.Data(await QdeviceStatusSocket.ReadAsync(options.QdeviceSocket, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
        {
            throw new ApiException(StatusCodes.Status500InternalServerError, $"Could not connect to qdevice socket: {ex.Message}");
        }
    }
}
