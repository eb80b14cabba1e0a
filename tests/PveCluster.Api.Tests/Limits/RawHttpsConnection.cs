using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PveCluster.Api.Tests.Limits;

/// <summary>
/// One TLS connection to the live server on which a test writes raw HTTP/1.1 bytes (chunked bodies, oversized
/// headers) that HttpClient would never send, and reads the answer while it is still writing.
/// </summary>
public sealed class RawHttpsConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;
    private readonly MemoryStream _received = new();
    private Task? _reader;

    private RawHttpsConnection(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
    }

    public static async Task<RawHttpsConnection> OpenAsync(Uri server, X509Certificate2 ca, IPAddress? localAddress = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var tcp = new TcpClient(AddressFamily.InterNetwork);
        if (localAddress is not null)
        {
            tcp.Client.Bind(new IPEndPoint(localAddress, 0));
        }

        await tcp.ConnectAsync(server.Host, server.Port);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            return certificate is X509Certificate2 leaf && chain.Build(leaf);
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = server.Host,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        });
        var connection = new RawHttpsConnection(tcp, tls);
        connection._reader = connection.ReadAllAsync();
        return connection;
    }

    /// <summary>True once the server has sent the end of a response head (the status line and headers).</summary>
    public bool HasResponseHead
    {
        get
        {
            lock (_received)
            {
                return Encoding.ASCII.GetString(_received.ToArray()).Contains("\r\n\r\n", StringComparison.Ordinal);
            }
        }
    }

    public async Task WriteAsync(string text) => await WriteAsync(Encoding.ASCII.GetBytes(text));

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await _tls.WriteAsync(bytes);
        await _tls.FlushAsync();
    }

    /// <summary>Everything the server sent until it closed the connection (or the timeout passed).</summary>
    public async Task<string> ResponseAsync(TimeSpan timeout)
    {
        await _reader!.WaitAsync(timeout).ContinueWith(_ => { }, TaskScheduler.Default);
        lock (_received)
        {
            return Encoding.UTF8.GetString(_received.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Client.Close(0);
        await _tls.DisposeAsync();
        _tcp.Dispose();
        if (_reader is not null)
        {
            await _reader.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ReadAllAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await _tls.ReadAsync(buffer)) > 0)
            {
                lock (_received)
                {
                    _received.Write(buffer, 0, read);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The server may reset the connection right after its answer; what arrived before counts.
        }
    }
}
