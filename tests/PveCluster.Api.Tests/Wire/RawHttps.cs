using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PveCluster.Api.Tests.Wire;

/// <summary>
/// One HTTP/1.1 exchange over TLS with the test server, as bytes: HttpClient would parse and re-format headers, and the
/// point of these tests is the exact text Proxmox clients see.
/// </summary>
public static class RawHttps
{
    public static async Task<RawResponse> SendAsync(ApiServerFixture server, string method, string path, string? ticket = null, string? formBody = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var request = new StringBuilder()
            .Append($"{method} /api2/json/{path} HTTP/1.1\r\n")
            .Append($"Host: {server.BaseAddress.Authority}\r\n")
            .Append("Connection: close\r\n");
        if (ticket is not null)
        {
            request.Append($"Cookie: PVEAuthCookie={Uri.EscapeDataString(ticket)}\r\n");
        }

        if (formBody is not null)
        {
            request.Append("Content-Type: application/x-www-form-urlencoded\r\n")
                .Append($"Content-Length: {Encoding.UTF8.GetByteCount(formBody)}\r\n");
        }

        request.Append("\r\n").Append(formBody);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => Trusted(server.Ca, certificate));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" });
        await tls.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        using var received = new MemoryStream();
        await tls.CopyToAsync(received);
        return RawResponse.Parse(Encoding.UTF8.GetString(received.ToArray()));
    }

    private static bool Trusted(X509Certificate2 ca, X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}

/// <summary>A response as received: the status line, the header lines verbatim, the body.</summary>
public sealed record RawResponse(string StatusLine, IReadOnlyList<string> HeaderLines, string Body)
{
    public static RawResponse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..end].Split("\r\n");
        return new RawResponse(head[0], head[1..], text[(end + 4)..]);
    }

    /// <summary>The header lines named <paramref name="name"/> (case-insensitive name, value verbatim).</summary>
    public IEnumerable<string> Header(string name) =>
        HeaderLines.Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(line => line[(name.Length + 1)..].TrimStart(' '));
}
