using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace PveCluster.Integration.Tests.Lifecycle;

/// <summary>
/// Talks to a node's API from the host over HTTPS, trusting nothing but the cluster CA it is given
/// (a certificate that does not chain to it fails the request), and remembers the certificate served.
/// </summary>
public sealed class NodeApiClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly X509Certificate2 _ca;

    public NodeApiClient(IPAddress node, string caPem)
    {
        _ca = X509Certificate2.CreateFromPem(caPem);
        var handler = new HttpClientHandler
        {
            UseCookies = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }
                ServedFingerprint = Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256))
                    .Chunk(2).Select(pair => new string(pair)).Aggregate((a, b) => a + ":" + b);
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(_ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        _client = new HttpClient(handler) { BaseAddress = new Uri($"https://{node}:8006/api2/json/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>SHA-256 fingerprint (AB:CD:...) of the certificate the server presented last.</summary>
    public string? ServedFingerprint { get; private set; }

    public Task<ApiAnswer> GetAsync(string path, string? ticket, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ticket, csrf: null, ct);

    /// <summary>An empty POST: enough to see whether the authentication layer lets it through.</summary>
    public Task<ApiAnswer> PostAsync(string path, string? ticket, string? csrf, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([]) }, ticket, csrf, ct);

    /// <summary>A request with form parameters (none for DELETE), authenticated with ticket and CSRF token.</summary>
    public Task<ApiAnswer> SendFormAsync(
        HttpMethod method, string path, (string Ticket, string Csrf) login, IReadOnlyDictionary<string, string> form, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(method, path) { Content = form.Count > 0 ? new FormUrlEncodedContent(form) : null },
            login.Ticket, login.Csrf, ct);

    public Task<ApiAnswer> LoginAsync(string user, string password, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "access/ticket")
        {
            Content = new FormUrlEncodedContent([new("username", user), new("password", password)]),
        }, ticket: null, csrf: null, ct);

    /// <summary>Ticket and CSRF token of a successful login answer.</summary>
    public static (string Ticket, string Csrf) TicketOf(string loginBody)
    {
        using var document = JsonDocument.Parse(loginBody);
        var data = document.RootElement.GetProperty("data");
        return (data.GetProperty("ticket").GetString()!, data.GetProperty("CSRFPreventionToken").GetString()!);
    }

    public void Dispose()
    {
        _client.Dispose();
        _ca.Dispose();
    }

    private async Task<ApiAnswer> SendAsync(HttpRequestMessage request, string? ticket, string? csrf, CancellationToken ct)
    {
        using (request)
        {
            if (ticket is not null)
            {
                request.Headers.Add("Cookie", $"PVEAuthCookie={Uri.EscapeDataString(ticket)}");
            }
            if (csrf is not null)
            {
                request.Headers.Add("CSRFPreventionToken", csrf);
            }
            using var response = await _client.SendAsync(request, ct);
            return new ApiAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
    }
}

/// <summary>Status and body of one API answer.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, string Body);
