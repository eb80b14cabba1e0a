using System.Net.Sockets;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Proxy;

/// <summary>pveproxy's HTTP client for pvedaemon's Unix socket (plain HTTP/1.1: the socket is local and closed to others).</summary>
public sealed class DaemonClient : IDisposable
{
    /// <summary>Protected calls include cluster joins that wait for corosync and pmxcfs; the client's disconnect ends them sooner.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(10);

    private readonly HttpClient _http;

    public DaemonClient(ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SocketPath = options.DaemonSocket;
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://pvedaemon/"), Timeout = CallTimeout };
    }

    public string SocketPath { get; }

    /// <summary>Sends <paramref name="request"/>; the response body is still to be read.</summary>
    /// <exception cref="ApiException">503 when pvedaemon does not answer.</exception>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, $"pvedaemon does not answer on {SocketPath}: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
