using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PveCluster.Core.JoinInfo;

namespace PveCluster.Lifecycle.Join;

/// <summary>
/// /api2/json on the peer, accepting only the pinned certificate. After login every request carries
/// the ticket cookie and the CSRF token, as the Proxmox clients do.
/// </summary>
public sealed class HttpsClusterPeer : IClusterPeer
{
    private readonly HttpClient _client;
    private readonly string _host;

    public HttpsClusterPeer(string host, int port, CertificateFingerprint pinned)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        _host = host;
        var handler = new SocketsHttpHandler { UseCookies = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && CertificateFingerprint.OfCertificate(certificate.GetRawCertData()).Equals(pinned);
        var hostPart = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{host}]"
            : host;
        _client = new HttpClient(handler)
        {
            BaseAddress = new Uri($"https://{hostPart}:{port}/api2/json/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async Task LoginAsync(string user, string password, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password });
        JsonNode? data;
        try
        {
            data = await SendAsync(HttpMethod.Post, "access/ticket", content, cancellationToken).ConfigureAwait(false);
        }
        catch (PeerApiException ex) when (ex.StatusCode == (int)HttpStatusCode.Unauthorized)
        {
            throw new PeerAuthenticationException(ex.Message.Trim());
        }

        var ticket = data?["ticket"]?.GetValue<string>() ?? throw new PeerApiException("login answer has no ticket");
        var csrf = data["CSRFPreventionToken"]?.GetValue<string>() ?? throw new PeerApiException("login answer has no CSRF token");
        _client.DefaultRequestHeaders.Add("Cookie", $"PVEAuthCookie={Uri.EscapeDataString(ticket)}");
        _client.DefaultRequestHeaders.Add("CSRFPreventionToken", csrf);
    }

    public async Task<int> GetJoinApiVersionAsync(CancellationToken cancellationToken)
    {
        var data = await SendAsync(HttpMethod.Get, "cluster/config/apiversion", null, cancellationToken).ConfigureAwait(false);
        return data?.GetValueKind() == JsonValueKind.Number
            ? data.GetValue<int>()
            : throw new PeerApiException($"unexpected apiversion answer: {data?.ToJsonString() ?? "null"}");
    }

    public async Task<JsonObject> GetJoinInfoAsync(CancellationToken cancellationToken)
    {
        var data = await SendAsync(HttpMethod.Get, "cluster/config/join", null, cancellationToken).ConfigureAwait(false);
        return data as JsonObject ?? throw new PeerApiException("join information is not a JSON object");
    }

    public async Task<AddNodeReply> AddNodeAsync(
        string node, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(parameters);
        var data = await SendAsync(HttpMethod.Post, $"cluster/config/nodes/{Uri.EscapeDataString(node)}", content, cancellationToken)
            .ConfigureAwait(false);
        return AddNodeReplyParser.Parse(data);
    }

    public void Dispose() => _client.Dispose();

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new PeerApiException($"request to {_host} failed: {ex.Message}", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonObject? body;
            try
            {
                body = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            if (response.IsSuccessStatusCode)
            {
                return body is null ? throw new PeerApiException($"{_host} answered {path} with non-JSON: {Shorten(text)}") : body["data"];
            }

            var message = body?["message"]?.GetValue<string>() ?? response.ReasonPhrase ?? "error";
            var errors = body?["errors"] is JsonObject map
                ? map.ToDictionary(e => e.Key, e => e.Value?.ToString() ?? "", StringComparer.Ordinal)
                : null;
            throw new PeerApiException((int)response.StatusCode, $"{(int)response.StatusCode} {message.Trim()}", errors);
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "..." : text;
}
