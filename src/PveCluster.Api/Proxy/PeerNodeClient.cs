using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Api.PveFiles;
using PveCluster.Core.JoinInfo;

namespace PveCluster.Api.Proxy;

/// <summary>
/// Sends a request on to another member's pveproxy. The member must present the certificate /etc/pve holds for it
/// (<c>nodes/&lt;node&gt;/pveproxy-ssl.pem</c> or <c>pve-ssl.pem</c>, compared by SHA-256 fingerprint at every
/// handshake, so a renewed certificate counts at once); the caller's ticket cookie, CSRF token and body go along
/// unchanged, so the member checks them itself.
/// </summary>
public sealed class PeerNodeClient(PveDirectory pveDir, ApiOptions options, ILogger<PeerNodeClient> logger) : IDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] PassedHeaders = ["Authorization", Auth.AuthHeaders.CsrfHeader, "Accept"];

    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    /// <exception cref="ApiException">595 when the member cannot be reached, does not answer in time, or shows another certificate.</exception>
    public async Task<HttpResponseMessage> ForwardAsync(NodeTarget.Remote target, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        using var request = Request(target, context);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(AnswerTimeout);
        try
        {
            return await ClientFor(target.Node).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException is AuthenticationException
                ? $"its TLS certificate is not the one in {pveDir.NodeCertificate(target.Node)}"
                : e.Message;
            logger.LogWarning("forwarding {Method} {Path} to node {Node} ({Address}) failed: {Problem}",
                context.Request.Method, context.Request.Path, target.Node, target.Address, why);
            throw new ApiException(NodeRoute.NodeUnreachable, $"node '{target.Node}' ({target.Address}) is unreachable: {why}");
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            throw new ApiException(NodeRoute.NodeUnreachable,
                $"node '{target.Node}' ({target.Address}) did not answer within {AnswerTimeout.TotalSeconds:0} s");
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private HttpRequestMessage Request(NodeTarget.Remote target, HttpContext context)
    {
        var host = IPAddress.TryParse(target.Address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{target.Address}]"
            : target.Address;
        var uri = new Uri($"https://{host}:{ApiOptions.DefaultPort}{context.Request.Path.ToUriComponent()}{context.Request.QueryString.ToUriComponent()}");
        var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), uri);
        if (context.Request.Cookies.TryGetValue(Auth.AuthHeaders.TicketCookie, out var ticket))
        {
            request.Headers.Add("Cookie", $"{Auth.AuthHeaders.TicketCookie}={Uri.EscapeDataString(ticket)}");
        }

        foreach (var name in PassedHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
            }
        }

        request.Headers.Add(NodeRoute.ForwardedByHeader, options.Node);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        return request;
    }

    private HttpClient ClientFor(string node) => _clients.GetOrAdd(node, name =>
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null
                    && NodeCertificateLoader.TryFingerprint(pveDir, name) is { } expected
                    && string.Equals(CertificateFingerprint.OfCertificate(certificate.GetRawCertData()).Value, expected, StringComparison.OrdinalIgnoreCase),
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    });
}
